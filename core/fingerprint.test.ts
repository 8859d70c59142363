import { createHmac } from "node:crypto";
import { fingerprint, newSalt } from "./fingerprint";

test("a fingerprint is HMAC-SHA-256 keyed with the salt, never a bare hash", () => {
  const salt = newSalt();
  const expected = createHmac("sha256", Buffer.from(salt, "base64")).update("value").digest("base64");
  expect(fingerprint("value", salt)).toBe(`hmac-sha256:${expected}`);
  expect(fingerprint("value", salt)).toBe(fingerprint("value", salt));
  expect(fingerprint("value", newSalt())).not.toBe(fingerprint("value", salt));
  expect(fingerprint("other", salt)).not.toBe(fingerprint("value", salt));
});
