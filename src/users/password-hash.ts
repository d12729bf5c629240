import argon2 from 'argon2';

/** argon2's defaults are argon2id, 64 MiB, 3 passes, 4 lanes: about 120 ms here (UNDERWRITING-AND-SERVICE.md §5.2). */
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

/** A hash of no one's password, verified when the name is unknown so that a miss costs what a wrong password does. */
let decoy: Promise<string> | undefined;

/** Whether `password` matches `hash`; with no hash (unknown user) a decoy is verified and the answer is false. */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (hash === undefined) {
    decoy ??= hashPassword('decoy password that matches no account');
    await argon2.verify(await decoy, password);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A hash argon2 cannot read matches nothing; the users file parse already refused non-argon2id strings.
    return false;
  }
}
