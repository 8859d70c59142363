import sodium from "libsodium-wrappers";

// GitHub encodes keys and expects sealed values in standard base64 with padding; libsodium's
// default variant is URL-safe without padding and would be wrong on both ends.
const BASE64 = () => sodium.base64_variants.ORIGINAL;

/**
 * Seals `plaintext` for a scope's public key (base64, as GitHub's public-key endpoints return it)
 * with libsodium's `crypto_box_seal`, and returns the sealed box in base64.
 */
export async function seal(publicKeyBase64: string, plaintext: string): Promise<string> {
  await sodium.ready;
  const publicKey = sodium.from_base64(publicKeyBase64, BASE64());
  if (publicKey.length !== sodium.crypto_box_PUBLICKEYBYTES) {
    throw new Error(
      `the public key decodes to ${publicKey.length} bytes; a GitHub secrets public key is ${sodium.crypto_box_PUBLICKEYBYTES} bytes of standard base64`,
    );
  }
  const sealed = sodium.crypto_box_seal(sodium.from_string(plaintext), publicKey);
  return sodium.to_base64(sealed, BASE64());
}
