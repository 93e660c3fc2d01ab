#!/usr/bin/env python3
"""convert.py - turn the ML-DSA verification vectors (big JSON) into the
compact line format that tests/unit/check_mldsa.c reads.

usage: tests/data/ml-dsa/convert.py [SRC [DST]]

SRC is the vector directory described in its README.md (default
../shared/testvectors/ml-dsa relative to the top of the tree, i.e.
/work/shared/testvectors/ml-dsa here): acvp/ML-DSA-sigVer-FIPS204/ with
prompt.json, expectedResults.json and internalProjection-pure-external.json,
and wycheproof/mldsa_{44,65,87}_verify_test.json.gz.  DST (default: this
script's directory) gets acvp-sigver.txt and wycheproof-mldsa-{44,65,87}.txt.
The output is deterministic: run it again and `git diff` shows nothing.

Line format (README.md in this directory has the full description):

    # comment
    k LEVEL PK                   the public key of the test lines that follow
    t ID EXPECT MODE MSG CTX SIG NOTE

LEVEL 44/65/87; EXPECT 1 (must verify) or 0 (must not); MODE pure
(FIPS 204 Alg. 3 with CTX), internal (MSG is M', Alg. 8), mu (MSG is the
64-byte mu) or prehash:HASH (HashML-DSA, Alg. 5; HASH as ACVP names it);
byte strings in lower-case hex, "-" for the empty string; NOTE is a
comma-separated list without spaces (Wycheproof flags, the ACVP reason),
"-" when there is none.
"""
import gzip
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


def hx(s):
    s = (s or "").lower()
    if len(s) % 2:
        raise SystemExit("odd-length hex string")
    bytes.fromhex(s)  # validate
    return s if s else "-"


def note(s):
    s = (s or "").strip()
    return s.replace(" ", "_") if s else "-"


def level(name):
    return {"ML-DSA-44": 44, "ML-DSA-65": 65, "ML-DSA-87": 87}[name]


def acvp(src, dst):
    d = os.path.join(src, "acvp", "ML-DSA-sigVer-FIPS204")
    prompt = json.load(open(os.path.join(d, "prompt.json")))
    expect = json.load(open(os.path.join(d, "expectedResults.json")))
    proj = json.load(open(os.path.join(d, "internalProjection-pure-external.json")))
    if prompt["vsId"] != expect["vsId"] or prompt["vsId"] != proj["vsId"]:
        raise SystemExit("ACVP files from different vector sets")
    verdict = {(g["tgId"], t["tcId"]): t["testPassed"]
               for g in expect["testGroups"] for t in g["tests"]}
    reason = {(g["tgId"], t["tcId"]): t.get("reason")
              for g in proj["testGroups"] for t in g["tests"]}
    out = ["# NIST ACVP ML-DSA sigVer (FIPS204), vsId %d: every test of every group." % prompt["vsId"],
           "# Source: usnistgov/ACVP-Server v1.1.0.43 via paulmillr/acvp-vectors 2e9216ce;",
           "# NIST-developed data (NIST software notice; see README.md).",
           "# Made by convert.py from prompt.json + expectedResults.json (+ reasons",
           "# from internalProjection-pure-external.json for groups 1, 3, 5)."]
    n = 0
    for g in prompt["testGroups"]:
        lv = level(g["parameterSet"])
        if g["signatureInterface"] == "external":
            mode = "pure" if g["preHash"] == "pure" else None
        else:
            mode = "mu" if g.get("externalMu") else "internal"
        out.append("# group %d: %s, %s, %s" % (g["tgId"], g["parameterSet"],
                   g["signatureInterface"],
                   g.get("preHash") if g["signatureInterface"] == "external"
                   else "externalMu=%s" % str(g.get("externalMu")).lower()))
        for t in g["tests"]:
            m = mode or "prehash:" + t["hashAlg"]
            msg = t["mu"] if m == "mu" else t["message"]
            ctx = t.get("context", "") if g["signatureInterface"] == "external" else ""
            out.append("k %d %s" % (lv, hx(t["pk"])))
            out.append("t %d %d %s %s %s %s %s" % (
                t["tcId"], 1 if verdict[(g["tgId"], t["tcId"])] else 0, m,
                hx(msg), hx(ctx), hx(t["signature"]),
                note(reason.get((g["tgId"], t["tcId"])))))
            n += 1
    write(os.path.join(dst, "acvp-sigver.txt"), out)
    return n


def wycheproof(src, dst, lv):
    f = os.path.join(src, "wycheproof", "mldsa_%d_verify_test.json.gz" % lv)
    w = json.load(gzip.open(f))
    out = ["# Wycheproof %s verify tests (%d): C2SP/wycheproof dac1dd47," % (w["algorithm"], w["numberOfTests"]),
           "# testvectors_v1/mldsa_%d_verify_test.json; Apache License 2.0." % lv,
           "# Made by convert.py.  NOTE = the test's flags."]
    n = 0
    for g in w["testGroups"]:
        if g["type"] != "MlDsaVerify":
            raise SystemExit("unexpected group type " + g["type"])
        out.append("k %d %s" % (lv, hx(g["publicKey"])))
        for t in g["tests"]:
            out.append("t %d %d pure %s %s %s %s" % (
                t["tcId"], 1 if t["result"] == "valid" else 0,
                hx(t["msg"]), hx(t.get("ctx", "")), hx(t["sig"]),
                note(",".join(t["flags"]))))
            n += 1
    if n != w["numberOfTests"]:
        raise SystemExit("%s: %d tests, numberOfTests says %d" % (f, n, w["numberOfTests"]))
    write(os.path.join(dst, "wycheproof-mldsa-%d.txt" % lv), out)
    return n


def write(path, lines):
    with open(path + ".tmp", "w") as o:
        o.write("\n".join(lines) + "\n")
    os.replace(path + ".tmp", path)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(TOP), "shared", "testvectors", "ml-dsa")
    dst = sys.argv[2] if len(sys.argv) > 2 else HERE
    print("acvp-sigver.txt: %d tests" % acvp(src, dst))
    for lv in (44, 65, 87):
        print("wycheproof-mldsa-%d.txt: %d tests" % (lv, wycheproof(src, dst, lv)))


if __name__ == "__main__":
    main()
