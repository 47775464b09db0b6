#!/usr/bin/env python3
"""Verifies a sharetrail evidence bundle, written from docs/formats.md only.

Python 3 standard library plus the `openssl` command (Ed25519). Checks the
checkpoint signatures, every inclusion proof, the consistency proof, the
manifest digests, and recounts every figure of report.json and its refusal
examples from the verified entries by the section 8.2 rules
(bundle_figures.py). A malformed bundle is reported, not half-read.

usage: verify_bundle.py [--vkey KEY] BUNDLE.tar.gz    exit 0 verified, 1 not
"""
import base64
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile

import bundle_figures

def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def leaf(entry):
    return hashlib.sha256(b"\x00" + entry).digest()


def parse_vkey(vkey):
    # The key name has no "+"; the base64 key may.
    name, key_id, key = vkey.strip().split("+", 2)
    raw = base64.b64decode(key, validate=True)
    if len(raw) != 33 or raw[0] != 1:
        raise ValueError("not an Ed25519 verifier key")
    want = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
    if want.hex() != key_id:
        raise ValueError("key id does not match the key")
    return name, want, raw[1:]


def ed25519_ok(public_key, message, signature):
    with tempfile.TemporaryDirectory() as d:
        paths = {n: os.path.join(d, n) for n in ("key.pem", "msg", "sig")}
        spki = bytes.fromhex("302a300506032b6570032100")  # RFC 8410 Ed25519 public key prefix
        pem = base64.encodebytes(spki + public_key).decode()
        with open(paths["key.pem"], "w") as f:
            f.write("-----BEGIN PUBLIC KEY-----\n" + pem + "-----END PUBLIC KEY-----\n")
        for n, data in (("msg", message), ("sig", signature)):
            with open(paths[n], "wb") as f:
                f.write(data)
        r = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey",
                            paths["key.pem"], "-rawin", "-in", paths["msg"], "-sigfile",
                            paths["sig"]], capture_output=True)
        return r.returncode == 0


def open_checkpoint(note, key):
    """(origin, size, root) of a signed note, if the key's signature verifies."""
    name, key_id, public_key = key
    text, _, sigs = note.decode().rpartition("\n\n")
    text += "\n"
    for line in sigs.splitlines():
        if not line.startswith("\u2014 "):
            continue
        sig_name, sig = line[2:].split(" ")
        raw = base64.b64decode(sig)
        if sig_name == name and raw[:4] == key_id and ed25519_ok(public_key, text.encode(), raw[4:]):
            origin, size, root = text.split("\n")[:3]
            return origin, int(size), base64.b64decode(root)
    raise ValueError("no valid signature by " + name)


def inclusion_root(index, size, leaf_hash, path):
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf_hash
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None


def consistent(m, n, root_m, root_n, path):
    if m == n:
        return not path and root_m == root_n
    if m == 0 or m > n or not path:
        return False
    if m & (m - 1) == 0:
        path = [root_m] + path
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == root_m and sr == root_n


def verify(files, vkey):
    problems = []
    manifest = json.loads(files["manifest.json"])
    listed = {f["name"] for f in manifest["files"]}
    for f in manifest["files"]:
        if f["name"] not in files:
            problems.append(f["name"] + ": listed in manifest.json but missing")
        elif hashlib.sha256(files[f["name"]]).hexdigest() != f["sha256"]:
            problems.append(f["name"] + ": SHA-256 does not match manifest.json")
    problems += [n + ": not listed in manifest.json" for n in files
                 if n != "manifest.json" and n not in listed]
    if vkey is None:
        print("note: using the bundled vkey.txt: this proves only internal consistency")
        vkey = files["vkey.txt"].decode()
    elif vkey.strip() != files["vkey.txt"].decode().strip():
        problems.append("vkey.txt: differs from the key given")
    try:
        key = parse_vkey(vkey)
    except ValueError as e:
        return problems + ["vkey: " + str(e)]
    try:
        _, size, root = open_checkpoint(files["checkpoint.txt"], key)
    except ValueError as e:
        return problems + ["checkpoint.txt: " + str(e)]
    verified = set()
    entries = sorted(n for n in files if n.startswith("entries/"))
    for name in entries:
        seq = int(name[len("entries/"):-len(".json")])
        entry = files[name]
        proof = json.loads(files.get("proofs/%d.json" % seq, b"null"))
        if json.loads(entry).get("seq") != seq:
            problems.append(name + ": its seq is not its name")
        elif not proof or proof["leaf_index"] != seq or proof["tree_size"] != size:
            problems.append("proofs/%d.json: missing, or not for that seq and size" % seq)
        elif inclusion_root(seq, size, leaf(entry),
                            [base64.b64decode(h) for h in proof["hashes"]]) != root:
            problems.append(name + ": its inclusion proof does not lead to the checkpoint root")
        else:
            verified.add(seq)
    if "previous-checkpoint.txt" in files:  # a bad signature raises: "malformed bundle"
        _, m, root_m = open_checkpoint(files["previous-checkpoint.txt"], key)
        c = json.loads(files["consistency.json"])
        path = [base64.b64decode(h) for h in c["hashes"]]
        if (c["first"], c["second"]) != (m, size) or not consistent(m, size, root_m, root, path):
            problems.append("consistency.json: does not prove the log grew from the previous checkpoint")
    report = json.loads(files["report.json"])
    cp = report["checkpoint"]
    if (cp["size"], base64.b64decode(cp["root"]), cp["note"].encode()) != (size, root, files["checkpoint.txt"]):
        problems.append("report.json: its checkpoint is not checkpoint.txt")
    for f in report["figures"]:
        name = "/".join(f[k] for k in ("section", "agreement", "party", "metric"))
        missing = [s for s in f["seqs"] if s not in verified]
        if missing:
            problems.append("figure %s: entries %s not verified in the bundle" % (name, missing))
    print("checkpoint size %d: %d/%d inclusion proofs verified" % (size, len(verified), len(entries)))
    return problems + recount(report, {s: json.loads(files["entries/%d.json" % s]) for s in verified})


def recount(report, entries):
    """Each figure and example as section 8.2 recomputes it from the entries."""
    problems = []
    mine = bundle_figures.recount(entries, report)
    theirs = {}
    for f in report["figures"]:
        name = "/".join(f[k] for k in ("section", "agreement", "party", "metric"))
        theirs[name] = (f["basis"], f["value"], f["seqs"])
    engine = 0
    for name in sorted(set(mine) | set(theirs)):
        if name in theirs and theirs[name][0] == "engine" and name not in mine:
            engine += 1  # decided before answers carried their working days
        elif name not in theirs:
            problems.append("figure %s: the entries give %r (%d entries) but report.json omits it"
                            % (name, mine[name][1], len(mine[name][2])))
        elif name not in mine:
            problems.append("figure %s: report.json says %r but no rule gives it from the entries"
                            % (name, theirs[name][1]))
        elif mine[name] != theirs[name]:
            problems.append("figure %s: report.json says %r (%s, seqs %s), the entries give %r (seqs %s)"
                            % (name, theirs[name][1], theirs[name][0], theirs[name][2][:8],
                               mine[name][1], mine[name][2][:8]))
    if "examples" in report:
        want = bundle_figures.examples(entries, mine)
        if report["examples"] != want:
            problems.append("report.json: its refusal examples are not the first refusal of each "
                            "rule (%d listed, the entries give %d)" % (len(report["examples"]), len(want)))
    else:
        print("note: report.json predates refusal examples; none to check")
    print("figures: %d recounted from the entries, %d left to the engine (answers without "
          "working days)" % (len(mine), engine))
    return problems


def main(argv):
    vkey = None
    if len(argv) == 4 and argv[1] == "--vkey":
        vkey, argv = argv[2], [argv[0], argv[3]]
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    files, problems = {}, []
    try:
        with tarfile.open(argv[1], "r:gz") as tar:
            for m in tar.getmembers():
                if not m.isfile() or m.name in files:
                    problems.append(m.name + ": not a regular file, or in the bundle twice")
                files[m.name] = tar.extractfile(m).read() if m.isfile() else b""
        problems += verify(files, vkey)
    except (OSError, tarfile.TarError, ValueError, KeyError, TypeError, IndexError,
            AttributeError) as e:
        problems.append("malformed bundle: %s: %s" % (type(e).__name__, e))
    for p in problems:
        print("MISMATCH: " + p)
    print("bundle verified" if not problems else "bundle NOT verified")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
