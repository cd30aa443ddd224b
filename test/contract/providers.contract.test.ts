import assert from "node:assert/strict";
import { it } from "node:test";
import { ProviderSchema } from "../../src/providers/index.js";
import { ManualClock } from "../../src/shared/clock.js";
import { describeStores, servicesFor } from "../support/stores.js";

const declared = ProviderSchema.parse({
  id: "albert",
  baseUrl: "https://albert.api.etalab.gouv.fr/v1",
  apiKeyEnv: "ALBERT_API_KEY",
  sovereignty: "sovereign",
  country: "FRA",
  models: [{ id: "albert-large", activeParameters: { min: 24, max: 123 } }],
});

describeStores("provider registry", (getStore) => {
  const clock = new ManualClock();

  it("adds the providers the configuration declares once, and never overwrites an edit", async () => {
    const services = servicesFor(getStore(), clock);
    assert.deepEqual(await services.providers.seed([declared]), ["albert"]);
    await services.providers.replace("albert", { ...declared, enabled: false });
    assert.deepEqual(await servicesFor(getStore(), clock).providers.seed([declared]), []);
    const [stored] = await servicesFor(getStore(), clock).providers.list();
    assert.equal(stored?.enabled, false);
    assert.deepEqual(stored?.models[0]?.activeParameters, { min: 24, max: 123 });
  });

  it("shows another instance's edit within two seconds, without a restart", async () => {
    const one = servicesFor(getStore(), clock);
    const two = servicesFor(getStore(), clock);
    assert.equal((await two.providers.resolve("albert/albert-large")) === null, true, "disabled");
    await one.providers.replace("albert", declared);
    clock.advance(2_001);
    assert.notEqual(await two.providers.resolve("albert/albert-large"), null);
    await one.providers.remove("albert");
    clock.advance(2_001);
    assert.deepEqual(await two.providers.list(), []);
  });
});
