import { passphraseCrypter } from "./passphrase-crypter";

describe("passphraseCrypter", () => {
  test("round-trips values and records a salt state in the CLI's passphrase format", async () => {
    const crypter = await passphraseCrypter("pass");
    expect(crypter.saltState).toMatch(/^v1:[A-Za-z0-9+/]{11}=:v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    const ciphertext = crypter.encrypt("hunter2");
    expect(ciphertext).toMatch(/^v1:/);
    expect(ciphertext).not.toContain("hunter2");
    const again = await passphraseCrypter("pass", crypter.saltState);
    expect(again.decrypt(ciphertext)).toBe("hunter2");
  });

  test("rejects the wrong passphrase", async () => {
    const crypter = await passphraseCrypter("right");
    await expect(passphraseCrypter("wrong", crypter.saltState)).rejects.toThrow(/incorrect passphrase/);
  });
});
