import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ipRecognizer, isIpv6 } from "./ip.js";

const spans = (text: string) =>
  ipRecognizer.find(text).map(({ type, start, end, rule }) => ({
    type,
    start,
    end,
    text: text.slice(start, end),
    rule,
  }));
const found = (text: string) => ipRecognizer.find(text).map((e) => text.slice(e.start, e.end));
const lookAlikes = (text: string) =>
  (ipRecognizer.lookAlikes?.(text) ?? []).map((l) => [text.slice(l.start, l.end), l.rule]);

describe("IP recognizer", () => {
  it("finds IPv4 and IPv6 in an agent's sentence, with exact offsets, and leaves versions out", () => {
    const text =
      "Le poste de Mme Durand (86.245.12.7) et 2001:db8::8a2e:370:7334 sont bloqués, logiciel en version 1.2.3.4.";
    assert.deepEqual(spans(text), [
      { type: "IP", start: 24, end: 35, text: "86.245.12.7", rule: "ip.v4" },
      { type: "IP", start: 40, end: 63, text: "2001:db8::8a2e:370:7334", rule: "ip.v6" },
    ]);
    assert.deepEqual(lookAlikes(text), [["1.2.3.4", "ip.version"]]);
    assert.equal(ipRecognizer.find(text)[0]?.confidence, 0.9);
  });

  it("keeps private and link-local addresses as possible: a machine inside some network", () => {
    const possible = (text: string) =>
      ipRecognizer
        .find(text)
        .filter((e) => e.certainty === "possible")
        .map((e) => [text.slice(e.start, e.end), e.rule]);
    assert.deepEqual(
      possible("Serveur 10.40.2.15, poste 192.168.1.42, box 172.20.0.3, public 86.245.12.7"),
      [
        ["10.40.2.15", "ip.private"],
        ["192.168.1.42", "ip.private"],
        ["172.20.0.3", "ip.private"],
      ],
    );
    assert.deepEqual(possible("Lien local fe80::1ff:fe23:4567:890a"), [
      ["fe80::1ff:fe23:4567:890a", "ip.private"],
    ]);
  });

  it("reads IPv4 at the edges of sentences", () => {
    assert.deepEqual(found("IP:10.0.0.1."), ["10.0.0.1"]);
    assert.deepEqual(found("Trafic redirigé vers 8.8.8.8, puis 255.1.2.3 refusé"), ["8.8.8.8"]);
    assert.deepEqual(found("Connexion depuis 86.245.12.7 à 10 h."), ["86.245.12.7"]);
  });

  it("rejects out-of-range octets, leading zeros and longer dotted runs", () => {
    for (const text of [
      "256.1.1.1",
      "01.02.03.04",
      "192.168.01.1",
      "1.2.3.4.5",
      "Né le 12.03.1985",
      "Article 12.3.4 du règlement",
      "Total 1.234.567.890 €",
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });

  it("reads IPv6 in its full and compressed forms", () => {
    assert.deepEqual(found("Adresse 2001:0db8:85a3:0000:0000:8a2e:0370:7334 attribuée."), [
      "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
    ]);
    assert.deepEqual(found("Passerelle fe80::1, préfixe 2001:db8::1/64."), [
      "fe80::1",
      "2001:db8::1",
    ]);
    assert.deepEqual(found("Mappée ::ffff:192.168.1.1 ici"), ["::ffff:192.168.1.1"]);
  });

  it("rejects times, MAC addresses and code that only look like IPv6", () => {
    for (const text of [
      "RDV à 10:30:00",
      "MAC 00:1a:2b:3c:4d:5e",
      "dead:beef::",
      "std::vector",
      "1:2:3:4:5:6:7:8:9",
      "1::2::3",
    ]) {
      assert.deepEqual(found(text), [], text);
    }
    assert.equal(isIpv6("1:2:3:4:5:6:7:8"), true);
    assert.equal(isIpv6("1:2:3:4:5:6:7"), false);
    assert.equal(isIpv6("12345::1"), false);
  });

  it("keeps version numbers and addresses that designate no one as look-alikes", () => {
    const text =
      "Mise à jour v1.2.3.4 ; écoute sur 0.0.0.0, 127.0.0.1 et ::1 ; masque 255.255.255.0.";
    assert.deepEqual(found(text), []);
    assert.deepEqual(lookAlikes(text), [
      ["1.2.3.4", "ip.version"],
      ["0.0.0.0", "ip.reserved"],
      ["127.0.0.1", "ip.reserved"],
      ["::1", "ip.reserved"],
      ["255.255.255.0", "ip.reserved"],
    ]);
    assert.deepEqual(found("Version : 10.2.0.1"), []);
  });
});
