// The browser's half of kitgen's seal: the same derivation and format as
// generator/seal/seal.go, whose documentation explains them, in WebCrypto
// alone. It touches no page, so that it runs under Node as well
// (themes/default/_test/seal.test.js, generator/seal's cross test).

const encoder = new TextEncoder();

export const MAGIC = "KGS1";
const NONCE = 12;
const INFO_AES = "kitgen seal v1 aes-256-gcm";
const INFO_CHECK = "kitgen seal v1 check";

// SealError is a file that does not open: the wrong key, another name, or
// a changed byte, which AES-GCM does not tell apart.
export class SealError extends Error {}

// fromBase64URL decodes unpadded base64url, the form the sealed page
// carries its bytes in.
export function fromBase64URL(s) {
  const std = s.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(std + "=".repeat((4 - (std.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// toBase64URL encodes a few bytes (a key) as unpadded base64url.
export function toBase64URL(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// deriveMaster is PBKDF2-HMAC-SHA256 of the passphrase: 32 bytes, one
// block, the slow step.
export async function deriveMaster(passphrase, salt, iterations) {
  const base = await crypto.subtle.importKey("raw", encoder.encode(passphrase), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, base, 256);
  return new Uint8Array(bits);
}

// expand is HKDF-SHA256 with an empty salt, as Go's hkdf.Key with a nil
// one: both hash with a block of zeros.
async function expand(master, info, bytes) {
  const k = await crypto.subtle.importKey("raw", master, "HKDF", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(), info: encoder.encode(info) }, k, bytes * 8);
  return new Uint8Array(bits);
}

// SiteKey opens a site's sealed files. master is what a tab keeps so as
// not to ask again.
export class SiteKey {
  constructor(master, key, check) {
    this.master = master;
    this.key = key;
    this.check = check;
  }

  static async from(master) {
    const [aes, check] = await Promise.all([expand(master, INFO_AES, 32), expand(master, INFO_CHECK, 16)]);
    const key = await crypto.subtle.importKey("raw", aes, "AES-GCM", false, ["decrypt"]);
    return new SiteKey(master, key, check);
  }

  // matches says whether this is the key of the site whose pages carry
  // check: whether the passphrase was right.
  matches(check) {
    return check.length === this.check.length && check.every((b, i) => b === this.check[i]);
  }

  // open decrypts a sealed file as the file name, its path below the site
  // (the tree, then sre_001/index.html).
  async open(name, sealed) {
    if (sealed.length < MAGIC.length + NONCE + 16 || String.fromCharCode(...sealed.subarray(0, MAGIC.length)) !== MAGIC) {
      throw new SealError(`${name}: not a file kitgen sealed`);
    }
    const iv = sealed.subarray(MAGIC.length, MAGIC.length + NONCE);
    try {
      const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(name) }, this.key, sealed.subarray(MAGIC.length + NONCE));
      return new Uint8Array(plain);
    } catch {
      throw new SealError(`${name} does not open with this key under this name`);
    }
  }
}

// candidates are the ways a typed passphrase may have been meant, most
// likely first: as typed; without the spaces a paste brings around it;
// in Unicode's composed and decomposed forms, which keyboards and systems
// differ on while kitgen takes the bytes it was given.
export function candidates(typed) {
  const out = [];
  for (const p of [typed, typed.trim()]) {
    for (const q of [p, p.normalize("NFC"), p.normalize("NFD")]) {
      if (q !== "" && !out.includes(q)) out.push(q);
    }
  }
  return out;
}

// unlock derives the key from a typed passphrase and returns it when it
// is the site's, whose pages carry check; null when it is not.
export async function unlock(typed, salt, iterations, check) {
  for (const p of candidates(typed)) {
    const key = await SiteKey.from(await deriveMaster(p, salt, iterations));
    if (key.matches(check)) return key;
  }
  return null;
}

// pageName is the name a sealed page was sealed under, its path below the
// site: the tree the page is in (its first folder) and its path below
// that tree's root, which is computed from the page's address and the
// relative path to the root, never from anything the page says. So a page
// moved or copied to another page's address does not open. (One moved to
// another depth does not even load this script, which it links
// relatively.) For the tree "kits", https://host/a/kits/sre_001/ with root
// "../" is kits/sre_001/index.html.
export function pageName(tree, root, href) {
  const here = new URL(href);
  const base = new URL(root, here);
  const path = decodeURIComponent(here.pathname);
  const top = decodeURIComponent(base.pathname);
  if (!path.startsWith(top)) throw new SealError(`${href} is not below ${base}`);
  let rel = path.slice(top.length);
  if (rel === "" || rel.endsWith("/")) rel += "index.html";
  return tree + "/" + rel;
}
