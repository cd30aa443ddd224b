import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { runCli } from "../../src/cli.js";
import { t } from "../../src/i18n/index.js";
import { type Run, runIn } from "../support/cli.js";
import { startIssuer } from "../support/oidc-issuer.js";
import { startOpenAiUpstream } from "../support/openai-upstream.js";
import {
  DIALECTS,
  freshLocation,
  POSTGRES_URL,
  postgresSkip,
  TEST_VAULT_KEY,
} from "../support/stores.js";

describe("beffroi CLI", () => {
  for (const dialect of DIALECTS) {
    describe(`[${dialect}]`, async () => {
      const skip = await postgresSkip(dialect);
      if (skip) {
        describe("skipped", { skip }, () => {});
        return;
      }
      const location = freshLocation(dialect);
      const env: NodeJS.ProcessEnv = {
        BEFFROI_DATA_DIR: location.dataDir,
        BEFFROI_LOG_LEVEL: "silent",
      };
      before(async () => {
        if (location.schema) {
          const client = new pg.Client({ connectionString: POSTGRES_URL });
          await client.connect();
          await client.query(`create schema ${location.schema}`);
          await client.end();
          env.BEFFROI_DATABASE_URL = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${location.schema}`)}`;
          env.BEFFROI_GUARD__VAULT_KEY = TEST_VAULT_KEY;
        }
      });
      after(() => location.cleanup());

      const cli = (args: string[], input = ""): Promise<Run> =>
        runIn(location.dataDir, args, env, input);

      it("reports a missing or out-of-date database in doctor, without creating it, then migrates", async () => {
        const before = await cli(["doctor"]);
        assert.equal(before.code, 1);
        if (dialect === "sqlite") {
          assert.match(
            before.stdout,
            /\[échec\] base de données joignable \(sqlite\) : base absente : lancez « beffroi migrate »/,
          );
          assert.ok(
            !existsSync(path.join(location.dataDir, "beffroi.db")),
            "doctor created nothing",
          );
        } else {
          assert.match(before.stdout, /\[ok\] base de données joignable/);
          assert.match(
            before.stdout,
            /\[échec\] migrations à jour : \d+ migration\(s\) en attente/,
          );
        }
        const migrated = await cli(["migrate"]);
        assert.equal(migrated.code, 0, migrated.stderr);
        assert.match(migrated.stdout, /Base à jour \([1-9]\d* migration/);
        assert.match((await cli(["migrate"])).stdout, /Base à jour \(0 migration/);
        const doctor = (await cli(["doctor"])).stdout;
        assert.match(doctor, /\[ok\] migrations à jour/);
        assert.match(doctor, /\[ok\] Clé du coffre des pseudonymes/);
        if (dialect === "sqlite") {
          assert.match(doctor, /elle sera créée au premier démarrage/);
          assert.ok(!existsSync(path.join(location.dataDir, "vault.key")), "doctor made no key");
        }
      });

      it("adds directions and users, with the password read from standard input", async () => {
        assert.equal(
          (await cli(["direction", "add", "Pôle solidarités > CCAS > Accueil"])).code,
          0,
        );
        const added = await cli(
          [
            "user",
            "add",
            "--admin",
            "--email",
            "DSI@ville.example",
            "--name",
            "Service informatique",
            "--password-stdin",
          ],
          "un mot de passe solide\n",
        );
        assert.equal(added.code, 0, added.stderr);
        assert.match(added.stdout, /Utilisateur créé : dsi@ville\.example \(admin\)/);
        const agent = await cli([
          "user",
          "add",
          "--email",
          "agent@ville.example",
          "--name",
          "Agent",
          "--role",
          "agent",
          "--role",
          "referent",
          "--direction",
          "Pôle solidarités > CCAS",
          "--no-password",
        ]);
        assert.equal(agent.code, 0, agent.stderr);
        const list = JSON.parse((await cli(["user", "list", "--json"])).stdout);
        assert.deepEqual(
          list.map((u: { email: string; roles: string[]; direction: { path: string } | null }) => [
            u.email,
            u.roles,
            u.direction?.path ?? null,
          ]),
          [
            ["agent@ville.example", ["agent", "referent"], "Pôle solidarités > CCAS"],
            ["dsi@ville.example", ["admin"], null],
          ],
        );
        const directions = await cli(["direction", "list"]);
        assert.equal(
          directions.stdout,
          "Pôle solidarités\nPôle solidarités > CCAS\nPôle solidarités > CCAS > Accueil\n",
        );
        assert.match((await cli(["doctor"])).stdout, /\[ok\] au moins un administrateur actif/);
      });

      it("refuses bad input with a French message and the right exit code, changing nothing", async () => {
        const short = await cli(
          ["user", "add", "--email", "x@ville.example", "--name", "X", "--password-stdin"],
          "court\n",
        );
        assert.equal(short.code, 1);
        assert.match(
          short.stderr,
          /Erreur : Le mot de passe doit compter entre 8 et 128 caractères/,
        );
        const badRole = await cli([
          "user",
          "add",
          "--email",
          "x@ville.example",
          "--name",
          "X",
          "--role",
          "chef",
          "--no-password",
        ]);
        assert.equal(badRole.code, 2);
        assert.match(badRole.stderr, /rôle inconnu « chef »/);
        const unknownOption = await cli(["user", "list", "--verbose"]);
        assert.equal(unknownOption.code, 2);
        assert.match(unknownOption.stderr, /option inconnue « --verbose »/);
        const unknown = await cli(["fly"]);
        assert.equal(unknown.code, 2);
        assert.match(unknown.stderr, /Commande inconnue : fly/);
        const missingDirection = await cli([
          "user",
          "add",
          "--email",
          "y@ville.example",
          "--name",
          "Y",
          "--direction",
          "Nulle part",
          "--no-password",
        ]);
        assert.equal(missingDirection.code, 1);
        assert.match(missingDirection.stderr, /Direction introuvable : Nulle part/);
        const emails = JSON.parse((await cli(["user", "list", "--json"])).stdout).map(
          (u: { email: string }) => u.email,
        );
        assert.deepEqual(emails, ["agent@ville.example", "dsi@ville.example"]);
      });

      it("creates an API key shown once, then revokes it", async () => {
        const created = await cli([
          "apikey",
          "create",
          "--email",
          "agent@ville.example",
          "--name",
          "import",
          "--scope",
          "knowledge:write,chat",
          "--days",
          "30",
        ]);
        assert.equal(created.code, 0, created.stderr);
        const [notice, token] = created.stdout.trim().split("\n");
        assert.match(token ?? "", /^bfr_/);
        const id = /identifiant ([0-9a-f-]+)/.exec(notice ?? "")?.[1];
        assert.ok(id);
        const tooMuch = await cli([
          "apikey",
          "create",
          "--email",
          "agent@ville.example",
          "--name",
          "x",
          "--scope",
          "directory:write",
        ]);
        assert.equal(tooMuch.code, 1);
        assert.match(tooMuch.stderr, /portée « directory:write »/);
        const listed = await cli(["apikey", "list", "--email", "agent@ville.example"]);
        assert.match(
          listed.stdout,
          new RegExp(`^${id}\tbfr_.{6}…\timport\tchat,knowledge:write\texpire le `, "m"),
        );
        assert.ok(!listed.stdout.includes(token ?? "-"), "a key is never shown again");
        const revoked = await cli(["apikey", "revoke", "--id", id]);
        assert.equal(revoked.code, 0);
        const [after] = JSON.parse((await cli(["apikey", "list", "--json"])).stdout);
        assert.ok(after.revokedAt);
        assert.match(
          (await cli(["apikey", "revoke", "--id", "inconnue"])).stderr,
          /Clé d'API introuvable/,
        );
      });

      it("disables and enables a user", async () => {
        const disabled = await cli(["user", "disable", "--email", "agent@ville.example"]);
        assert.equal(disabled.code, 0);
        assert.match((await cli(["user", "list"])).stdout, /agent@ville\.example.*\[désactivé\]/);
        assert.equal(
          (await cli(["user", "disable", "--email", "dsi@ville.example"])).code,
          1,
          "the last admin stays",
        );
        const enabled = await cli(["user", "enable", "--email", "agent@ville.example"]);
        assert.match(enabled.stdout, /Utilisateur réactivé/);
        assert.doesNotMatch((await cli(["user", "list"])).stdout, /désactivé/);
      });

      it("masks secrets in doctor's resolved configuration", async () => {
        const file = path.join(location.dataDir, "beffroi.yaml");
        writeFileSync(
          file,
          "oidc:\n  issuer: https://sso.ville.example/realms/agents\n  clientId: beffroi\n  clientSecret: tres-secret\n  redirectUri: https://ia.ville.example/api/auth/oidc/callback\n",
        );
        const doctor = await cli(["doctor", "--config", file]);
        assert.ok(!doctor.stdout.includes("tres-secret"));
        assert.match(doctor.stdout, /clientSecret: "?\*{8}/);
        assert.match(
          doctor.stdout,
          /\[échec\] fournisseur d'identité joignable \(https:\/\/sso\.ville\.example/,
        );
        assert.equal(doctor.code, 1);
      });

      it("checks that the identity provider answers", async () => {
        const issuer = await startIssuer({
          clientId: "beffroi",
          signedUserinfo: true,
          path: "/api/v2",
        });
        try {
          const file = path.join(location.dataDir, "proconnect.yaml");
          writeFileSync(
            file,
            `oidc:\n  provider: proconnect\n  issuer: ${issuer.issuer}\n  clientId: beffroi\n  clientSecret: s\n  redirectUri: https://ia.ville.example/api/auth/oidc/callback\n`,
          );
          const doctor = await cli(["doctor", "--config", file]);
          assert.match(doctor.stdout, /\[ok\] fournisseur d'identité joignable/);
          assert.equal(doctor.code, 0, doctor.stdout);
        } finally {
          await issuer.close();
        }
      });

      it("registers, lists, tests and removes a model provider; answers with it", async () => {
        const upstream = await startOpenAiUpstream();
        try {
          const bad = await cli([
            "provider",
            "add",
            "--id",
            "vllm",
            "--base-url",
            upstream.url,
            "--sovereignty",
            "cosmique",
            "--country",
            "FRA",
            "--model",
            "test-model",
          ]);
          assert.equal(bad.code, 2);
          assert.match(bad.stderr, /sovereignty/);
          const added = await cli([
            "provider",
            "add",
            "--preset",
            "vllm",
            "--base-url",
            upstream.url,
            "--model",
            "test-model:44-132/440",
            "--model",
            "absent-model",
          ]);
          assert.equal(added.code, 0, added.stderr);
          assert.match(added.stdout, /Fournisseur vllm ajouté \(hébergement local, 2 modèle/);
          const list = JSON.parse((await cli(["provider", "list", "--json"])).stdout);
          assert.deepEqual(list[0].models[0].activeParameters, { min: 44, max: 132 });
          assert.equal(list[0].models[0].totalParameters, 440);
          const test = await cli(["provider", "test", "vllm"]);
          assert.equal(test.code, 1, "a declared model the provider does not offer");
          assert.match(test.stdout, /vllm répond : 1 modèle/);
          assert.match(test.stdout, /non proposé par le fournisseur : absent-model/);
          const doctor = await cli(["doctor"]);
          assert.match(
            doctor.stdout,
            /\[échec\] fournisseur de modèles vllm joignable \(hébergement local\) : .*absent-model/,
          );
          upstream.script({ kind: "reply", text: "Réponse du vLLM de la collectivité." });
          const ask = await cli(["ask", "Bonjour ?"]);
          assert.equal(ask.code, 0, ask.stderr);
          assert.match(ask.stdout, /Réponse du vLLM de la collectivité\./);
          assert.equal((await cli(["provider", "remove", "vllm"])).code, 0);
          assert.equal((await cli(["provider", "remove", "vllm"])).code, 1);
        } finally {
          await upstream.close();
        }
      });
    });
  }

  it("scans text from standard input, whole or as JSON lines, without a database", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "beffroi-guard-"));
    try {
      const env = { BEFFROI_DATA_DIR: dir, BEFFROI_LOG_LEVEL: "silent" };
      const whole = await runIn(dir, ["guard", "scan"], env, "Courrier pour M. Paul LEROY.\n");
      assert.equal(whole.code, 0, whole.stderr);
      const result = JSON.parse(whole.stdout);
      assert.equal(result.dataClass, "personal");
      assert.deepEqual(
        result.entities.map((e: { type: string; start: number; end: number }) => [
          e.type,
          e.start,
          e.end,
        ]),
        [["PERSON", 17, 27]],
      );
      const lines = await runIn(
        dir,
        ["guard", "scan", "--jsonl"],
        env,
        '{"id":"a","text":"Invitation au conseil municipal."}\n{"id":"b","text":"Le fils de Mme Durand est autiste."}\n',
      );
      assert.equal(lines.code, 0, lines.stderr);
      assert.deepEqual(
        lines.stdout
          .trim()
          .split("\n")
          .map((line) => {
            const { id, dataClass } = JSON.parse(line);
            return [id, dataClass];
          }),
        [
          ["a", "public"],
          ["b", "sensitive"],
        ],
      );
      const bad = await runIn(dir, ["guard", "scan", "--jsonl"], env, "pas du JSON\n");
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /Ligne 1 illisible/);
      const purpose = await runIn(dir, ["guard", "scan", "--purpose", "export"], env, "x");
      assert.equal(purpose.code, 2);
      assert.match(purpose.stderr, /--purpose attend egress/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("scans a text of several megabytes piece by piece, a name found in one piece found in the others", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "beffroi-guard-"));
    try {
      const env = { BEFFROI_DATA_DIR: dir, BEFFROI_LOG_LEVEL: "silent" };
      const paragraph =
        "Le conseil municipal a examiné le budget annexe de l'eau et de l'assainissement. ".repeat(
          8,
        );
      const filler = `${paragraph}\n\n`.repeat(6000);
      const text = `Visite chez Mme Ferreira ce matin.\n\n${filler}ferreira a rappelé.\n`;
      assert.ok(text.length > 3_000_000, `${text.length} characters`);
      const run = await runIn(dir, ["guard", "scan", "--purpose", "documents"], env, text);
      assert.equal(run.code, 0, run.stderr);
      const { dataClass, entities } = JSON.parse(run.stdout) as {
        dataClass: string;
        entities: { type: string; start: number; end: number; rule: string }[];
      };
      assert.equal(dataClass, "personal");
      assert.deepEqual(
        entities.map((e) => [text.slice(e.start, e.end), e.rule]),
        [
          ["Ferreira", "person.honorific"],
          ["ferreira", "person.repeat"],
        ],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lists every configuration problem and exits 1", async () => {
    const stderr = new PassThrough();
    let text = "";
    stderr.on("data", (c) => {
      text += c;
    });
    const code = await runCli(["doctor"], {
      stdout: new PassThrough(),
      stderr,
      stdin: new PassThrough(),
      env: { BEFFROI_PORT: "http", BEFFROI_LOG_LEVEL: "bavard" },
      cwd: "/tmp",
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(code, 1);
    assert.match(text, /Configuration invalide \(2 problème\(s\)\)/);
    assert.match(text, /server\.port/);
    assert.match(text, /log\.level/);
  });

  it("says in French that the database does not answer", async () => {
    const location = freshLocation("sqlite");
    try {
      const run = await runIn(location.dataDir, ["migrate"], {
        BEFFROI_DATABASE_URL: "postgres://postgres@127.0.0.1:1/test",
      });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^Erreur : la base de données ne répond pas \(127\.0\.0\.1:1\)/);
    } finally {
      await location.cleanup();
    }
  });

  it("refuses to run several instances on PostgreSQL without a shared vault key", async () => {
    const location = freshLocation("sqlite");
    try {
      const run = await runIn(location.dataDir, ["doctor"], {
        BEFFROI_DATABASE_URL: POSTGRES_URL,
      });
      assert.equal(run.code, 1);
      assert.match(
        run.stdout,
        /\[échec\] Clé du coffre des pseudonymes : Avec PostgreSQL, indiquez la clé du coffre/,
      );
    } finally {
      await location.cleanup();
    }
  });

  it("says in French that the port is taken", async () => {
    const location = freshLocation("sqlite");
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "test/support/cli-main.ts", "serve"],
        {
          env: {
            ...process.env,
            BEFFROI_DATA_DIR: location.dataDir,
            BEFFROI_PORT: String(port),
            BEFFROI_LOG_LEVEL: "silent",
            BEFFROI_CONFIG: "",
            BEFFROI_KNOWLEDGE__DEMO: "false",
          },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let errors = "";
      child.stderr.on("data", (chunk) => {
        errors += chunk;
      });
      const [code] = await once(child, "exit");
      assert.equal(code, 1);
      assert.match(errors, new RegExp(`Erreur : le port ${port} est déjà utilisé`));
    } finally {
      taken.close();
      await location.cleanup();
    }
  });

  it("runs bin/beffroi.js: the catalogue's usage, from the sources when the build is older", async () => {
    const child = spawn(process.execPath, ["bin/beffroi.js", "help"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    const [code] = await once(child, "exit");
    assert.equal(code, 0);
    assert.equal(output, `${t("cli.usage")}\n`);
  });

  it("prefers the sources to a build older than them, and the build otherwise", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "beffroi-bin-"));
    try {
      mkdirSync(path.join(root, "bin"));
      mkdirSync(path.join(root, "dist"));
      mkdirSync(path.join(root, "src", "cli"), { recursive: true });
      copyFileSync("bin/beffroi.js", path.join(root, "bin", "beffroi.js"));
      copyFileSync("package.json", path.join(root, "package.json"));
      symlinkSync(path.resolve("node_modules"), path.join(root, "node_modules"));
      const cliModule = (from: string) =>
        `export async function runCli() { process.stdout.write("${from}"); return 0; }\n`;
      writeFileSync(path.join(root, "dist", "cli.js"), cliModule("dist"));
      writeFileSync(path.join(root, "src", "cli.ts"), cliModule("src"));
      writeFileSync(path.join(root, "src", "cli", "io.ts"), "export {};\n");
      const run = async () => {
        const child = spawn(process.execPath, [path.join(root, "bin", "beffroi.js")], {
          stdio: ["ignore", "pipe", "inherit"],
        });
        let output = "";
        child.stdout.on("data", (chunk) => {
          output += chunk;
        });
        await once(child, "exit");
        return output;
      };
      const hourAgo = new Date(Date.now() - 3_600_000);
      const now = new Date();
      utimesSync(path.join(root, "src", "cli.ts"), hourAgo, hourAgo);
      utimesSync(path.join(root, "src", "cli", "io.ts"), hourAgo, hourAgo);
      utimesSync(path.join(root, "dist", "cli.js"), now, now);
      assert.equal(await run(), "dist", "an up-to-date build runs");
      utimesSync(path.join(root, "dist", "cli.js"), hourAgo, hourAgo);
      utimesSync(path.join(root, "src", "cli", "io.ts"), now, now);
      assert.equal(await run(), "src", "a source edited after the build wins, even in a subfolder");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("serves over real HTTP, prints a one-time bootstrap token, and stops on SIGTERM", async () => {
    const location = freshLocation("sqlite");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/support/cli-main.ts", "serve"],
      {
        env: {
          ...process.env,
          BEFFROI_DATA_DIR: location.dataDir,
          BEFFROI_PORT: "0",
          BEFFROI_LOG_LEVEL: "info",
          BEFFROI_CONFIG: "",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      let output = "";
      child.stdout.on("data", (chunk) => {
        output += chunk;
      });
      let errors = "";
      child.stderr.on("data", (chunk) => {
        errors += chunk;
      });
      const exited = once(child, "exit");
      while (!/╚═+╝/.test(output)) {
        const event = await Promise.race([
          once(child.stdout, "data").then(() => "data"),
          exited.then(() => "exit"),
        ]);
        if (event === "exit") assert.fail(`serve exited early: ${output} ${errors}`);
      }
      assert.match(output, /Recherche vectorielle désactivée/);
      // The token, framed, comes after the demo base's ingestion logs, not lost among them.
      const frame = output.indexOf("╔");
      const documents = Number(/\((\d+) documents en cours d'ingestion\)/.exec(output)?.[1]);
      assert.ok(documents > 0, output.slice(0, 500));
      assert.equal(output.slice(0, frame).match(/"document-ingested"/g)?.length, documents);
      assert.match(output.slice(frame), /^╔═+╗\n║ Aucun administrateur/);
      const base = /Beffroi écoute sur (http:\/\/[^\s]+)/.exec(output)?.[1];
      const token = /usage unique :[\s║]+(\S+)/.exec(output)?.[1];
      assert.ok(base && token);
      const bootstrap = await fetch(`${base}/api/bootstrap`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          token,
          email: "dsi@ville.example",
          displayName: "DSI",
          password: "un mot de passe solide",
        }),
      });
      assert.equal(bootstrap.status, 201);
      const login = await fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "dsi@ville.example", password: "un mot de passe solide" }),
      });
      assert.equal(login.status, 200);
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const users = await fetch(`${base}/api/users`, { headers: { cookie } });
      assert.equal(users.status, 200);
      assert.equal(((await users.json()) as unknown[]).length, 1);
      child.kill("SIGTERM");
      const [code] = await exited;
      assert.equal(code, 0);
    } finally {
      // A failed assertion leaves the server running: it would hold the test process open.
      if (child.exitCode === null) child.kill("SIGKILL");
      await location.cleanup();
    }
  });
});
