# An independent computation of kitgen's seal, for the known-answer test.
import hashlib, hmac, struct
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
master = hashlib.pbkdf2_hmac("sha256", b"kitgen", b"0123456789abcdef", 1000, 32)
def hk(info, n): return HKDF(algorithm=hashes.SHA256(), length=n, salt=None, info=info).derive(master)
aes, nk, check = hk(b"kitgen seal v1 aes-256-gcm", 32), hk(b"kitgen seal v1 nonce", 32), hk(b"kitgen seal v1 check", 16)
name, pt = b"panel/x/index.html", b"hello"
nonce = hmac.new(nk, struct.pack(">Q", len(name)) + name + pt, hashlib.sha256).digest()[:12]
print(check.hex())
print((b"KGS1" + nonce + AESGCM(aes).encrypt(nonce, pt, name)).hex())
