// Opens pages Go sealed with the pages' own script, under Node: the cross
// test of TestBrowserCodeOpensGoSealed. Reads JSON on stdin, writes JSON.
import { readFileSync } from "node:fs";
import { fromBase64URL, pageName, toBase64URL, unlock } from "../../../themes/default/static/js/seal/seal.js";

const input = JSON.parse(readFileSync(0, "utf8"));
const out = { Wrong: false, Pages: [], PDF: "", Errors: [] };
const first = input.Pages[0];
const [wrong, right] = input.Passphrases;
const salt = fromBase64URL(first.Salt);
const check = fromBase64URL(first.Check);
out.Wrong = (await unlock(wrong, salt, first.Iterations, check)) === null;
const key = await unlock(right, salt, first.Iterations, check);
if (!key) {
  console.error("the right passphrase did not unlock the site");
  process.exit(1);
}
for (const p of input.Pages) {
  try {
    const plain = await key.open(pageName(p.Tree, p.Root, p.Href), fromBase64URL(p.Sealed));
    out.Pages.push(new TextDecoder().decode(plain));
  } catch (e) {
    out.Pages.push("");
    out.Errors.push(e.message);
  }
}
const pdf = await key.open("panel/sre_001/guide.pdf", fromBase64URL(input.PDF));
out.PDF = toBase64URL(pdf);
process.stdout.write(JSON.stringify(out));
