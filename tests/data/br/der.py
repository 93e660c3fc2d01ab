"""der.py: minimal DER tree editing for the BR test-certificate generators.

Some certificate defects cannot be made with the openssl CLI (a v2
certificate with extensions, an extension twice, swapped validity dates,
an undecodable extension value).  These helpers parse a certificate into a
tree of (tag, content-or-children) nodes, let a generator change it, and
encode it again with correct lengths.  The signature is not redone: the BR
linter does not verify signatures, and a broken signature does not change
what a certificate says.

Usage from a generator:
    from der import load_pem, dump_pem, tbs, extensions, ...
"""
import base64
import re

CONSTRUCTED = 0x20


def parse(b, i=0, end=None):
    """Parse DER bytes into a list of nodes [tag, value]; value is bytes or a list."""
    out = []
    end = len(b) if end is None else end
    while i < end:
        tag = b[i]
        i += 1
        n = b[i]
        i += 1
        if n & 0x80:
            k = n & 0x7F
            n = int.from_bytes(b[i:i + k], "big")
            i += k
        if tag & CONSTRUCTED:
            out.append([tag, parse(b, i, i + n)])
        else:
            out.append([tag, b[i:i + n]])
        i += n
    return out


def length(n):
    if n < 0x80:
        return bytes([n])
    s = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(s)]) + s


def encode(nodes):
    out = b""
    for tag, v in nodes:
        body = encode(v) if isinstance(v, list) else v
        out += bytes([tag]) + length(len(body)) + body
    return out


def load_pem(path):
    """The first certificate of a PEM file as a node, and the rest of the file text."""
    text = open(path).read()
    m = re.search(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", text, re.S)
    der = base64.b64decode("".join(m.group(1).split()))
    return parse(der)[0], text[m.end():]


def dump_pem(node, rest=""):
    b = base64.b64encode(encode([node])).decode()
    lines = [b[i:i + 64] for i in range(0, len(b), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----" + rest


def tbs(cert):
    return cert[1][0]


def field(cert, name):
    """Index of a TBSCertificate field (version present, as in every v3 certificate)."""
    order = ["version", "serial", "signature", "issuer", "validity", "subject", "spki"]
    return tbs(cert)[1][order.index(name)]


def extensions(cert):
    """The list of Extension nodes ([3] EXPLICIT SEQUENCE OF Extension)."""
    for node in tbs(cert)[1]:
        if node[0] == 0xA3:
            return node[1][0][1]
    raise ValueError("no extensions")


OIDS = {
    "2.5.29.32": bytes.fromhex("551d20"),
    "2.5.29.15": bytes.fromhex("551d0f"),
    "2.5.29.17": bytes.fromhex("551d11"),
    "2.5.29.37": bytes.fromhex("551d25"),
}


def find_ext(cert, oid):
    for e in extensions(cert):
        if e[1][0][1] == OIDS[oid]:
            return e
    raise KeyError(oid)
