"""Regenerate the bad-input corpus: `python tests/data/bad/generate.py` (deterministic).

Every file here is small; inputs whose size is the point (10,000 bare rows, a 100 KB line,
a ZIP bomb, files over the limits) are built in memory by tests/test_bad_input_corpus.py.
"""

import io
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).parent
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PREAMBLE = 'Notes:\n"When exporting your connection data, some emails may be missing."\n\n'
ROW = "Ana,Lopes,https://www.linkedin.com/in/ana-lopes,,Acme,CEO,15 Mar 2024"
GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Organization Name,Organization Title,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Value,Website 1 - Value"
)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            # A fixed date, so that the archives come out byte for byte the same.
            info = zipfile.ZipInfo(name, date_time=(2024, 3, 15, 12, 0, 0))
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (16).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    pixels = zlib.compress(b"".join(b"\x00" + bytes(range(48)) for _ in range(16)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _pdf() -> bytes:
    stream = zlib.compress(b"BT /F1 24 Tf 100 700 Td (Not a vCard) Tj ET" * 20)
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"4 0 obj\n<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\n"
        b"stream\n" + stream + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def files() -> dict[str, bytes]:
    connections = (PREAMBLE + HEADER + "\n" + ROW + "\n").encode()
    valid_zip = _zip({"Connections.csv": connections})
    return {
        "empty.csv": b"",
        "bom_only.csv": b"\xef\xbb\xbf",
        "png_named.csv": _png(),
        "pdf_named.vcf": _pdf(),
        "google_utf16.csv": (
            GOOGLE_HEADER + "\r\n"
            "Hélène,,Dupré,Société Générale,Directrice,* Work,helene@sg.example,,\r\n"
            "Zoë,,Łukasiewicz,Żabka,Kierownik,,zoe@zabka.example,,\r\n"
        ).encode("utf-16"),
        "connections_cp1252.csv": (
            HEADER + "\r\nHélène,Dupré,,,Société Générale,Chargée d'affaires,15 Mar 2024\r\n"
            "François,Lefèvre,,,Crédit Agricole,Trésorier,2 Feb 2023\r\n"
        ).encode("cp1252"),
        "mixed_line_endings.csv": (
            PREAMBLE.replace("\n", "\r\n")
            + HEADER
            + "\r\nAna,Lopes,,,Acme,CEO,15 Mar 2024\n"
            + "Ben,Martin,,,Beta,CFO,16 Mar 2024\r"
            + "Chloé,Roux,,,Gamma,CTO,17 Mar 2024\r\n"
        ).encode(),
        "header_only.csv": (PREAMBLE + HEADER + "\n").encode(),
        "linkedin_header_never_comes.csv": (
            PREAMBLE + "".join(f"Some text line {i},without,the,columns\n" for i in range(300))
        ).encode(),
        "nul_bytes.csv": (HEADER + "\nAna,Lopes,,,Acme,CEO,15 Mar 2024\n")
        .encode()
        .replace(b"Acme", b"Ac\x00\x00me"),
        "unterminated_quote.csv": (
            HEADER + '\nAna,Lopes,,,Acme,CEO,15 Mar 2024\n"Ben,Martin,,,Beta,CFO,16 Mar 2024\n'
            "Chloé,Roux,,,Gamma,CTO,17 Mar 2024\n"
        ).encode(),
        "vcard_no_end.vcf": (
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lopes\r\nEMAIL:ana@example.com\r\n"
        ),
        "vcard_broken_qp.vcf": (
            # Bad escapes (=ZZ, =G), an unknown charset, a truncated UTF-8 sequence, and a soft
            # line break dangling at the end of the card.
            b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
            b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Dupr=C3=A9=ZZ;H=C3=A9l=\r\n"
            b"=C3=A8ne\r\n"
            b"FN;ENCODING=QUOTED-PRINTABLE;CHARSET=NOT-A-CHARSET:H=C3=A9l=C3=A8ne Dupr=C3=A9=G\r\n"
            b"NOTE;ENCODING=QUOTED-PRINTABLE:cut short =E2=82\r\n"
            b"TEL;CELL:+33 6 12 34 56 78\r\n"
            b"ORG;ENCODING=QUOTED-PRINTABLE:Soci=C3=A9t=C3=A9=\r\n"
            b"END:VCARD\r\n"
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Martin\r\nEMAIL:ben@example.com\r\nEND:VCARD\r\n"
        ),
        "vcard_garbage.vcf": b"BEGIN:VCARD\r\n\x01\x02 not a property\r\nEND:VCARD\r\n",
        "google_separators_only.csv": (
            "\ufeff"
            + GOOGLE_HEADER
            + "\n"
            + " ::: , ::: , ::: , ::: , ::: , ::: , ::: , ::: , ::: \n" * 3
        ).encode(),
        "formulas_and_javascript.csv": (
            HEADER + "\n"
            "=cmd|' /C calc'!A0,Excel,javascript:alert(1),,Acme,CEO,15 Mar 2024\n"
            "+33612345678,Plus,JAVASCRIPT:alert(document.cookie),,+Beta,+Boss,15 Mar 2024\n"
            '-2+3,Minus,"data:text/html;base64,PHNjcmlwdD4=",,-Gamma,-CTO,15 Mar 2024\n'
            "@SUM(A1:A9),At,https://www.linkedin.com/in/at-sum,,@Delta,@Lead,15 Mar 2024\n"
            '"<script>alert(1)</script>",Html,,,"<b>Bold</b> Corp",Intern,15 Mar 2024\n'
        ).encode(),
        "duplicate_rows.csv": (PREAMBLE + HEADER + "\n" + (ROW + "\n") * 3).encode(),
        "not_a_zip.zip": b"This is a plain text file that someone renamed to .zip\n",
        "truncated.zip": valid_zip[: len(valid_zip) // 2],
        "zip_path_traversal.zip": _zip(
            {"../../etc/passwd": b"root:x:0:0:root:/root:/bin/sh\n", "Connections.csv": connections}
        ),
        "zip_without_connections.zip": _zip({"Profile.csv": b"First Name,Last Name\nA,B\n"}),
        "zip_directory_named_connections.zip": _zip(
            {"Connections.csv/": b"", "Connections.csv/readme.txt": b"not the connections\n"}
        ),
        "utf8_bom_then_invalid.csv": b"\xef\xbb\xbf"
        + HEADER.encode()
        + b"\nAna,L\xff\xfepes,,,,,\n",
        "utf16_odd_length.csv": "First Name,Last Name\r\nAna,Lopes\r\n".encode("utf-16") + b"\x00",
    }


if __name__ == "__main__":
    for name, data in files().items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")
