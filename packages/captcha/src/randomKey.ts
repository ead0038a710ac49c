const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

/** An opaque key (ids, cell keys): it says nothing about what it names. */
export function randomKey(random: () => number, length = 16): string {
  let key = "";
  for (let i = 0; i < length; i++) key += alphabet[Math.floor(random() * alphabet.length)];
  return key;
}
