import sodium from "libsodium-wrappers";
import { seal } from "./seal";

test("a sealed value opens with crypto_box_seal_open and the key pair it was sealed for", async () => {
  await sodium.ready;
  const pair = sodium.crypto_box_keypair();
  const b64 = sodium.base64_variants.ORIGINAL;
  const value = "ünïcode value with / + = and a newline\n";

  const sealed = await seal(sodium.to_base64(pair.publicKey, b64), value);

  expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
  expect(Buffer.from(sealed, "base64").length).toBe(Buffer.byteLength(value) + 48);
  const opened = sodium.crypto_box_seal_open(sodium.from_base64(sealed, b64), pair.publicKey, pair.privateKey);
  expect(sodium.to_string(opened)).toBe(value);
});

test("sealing twice gives different boxes (crypto_box_seal is randomized)", async () => {
  await sodium.ready;
  const key = sodium.to_base64(sodium.crypto_box_keypair().publicKey, sodium.base64_variants.ORIGINAL);
  expect(await seal(key, "same")).not.toBe(await seal(key, "same"));
});

test("a key that is not 32 bytes of standard base64 is refused", async () => {
  await expect(seal(Buffer.alloc(16).toString("base64"), "x")).rejects.toThrow(/decodes to 16 bytes/);
});
