#!/usr/bin/env python3
"""Write Brev's corpus of tricky messages (tests/corpus/*.eml, *.bin).

The files are kept in the repository; this script documents exactly which
bytes they hold and re-creates them (`python3 tests/corpus/generate.py`).
Legacy-charset files are written as bytes, encoded here, so the bytes really
are windows-1251, KOI8-R, ISO-8859-1 or ISO-8859-15.

Big inputs (a 5,000-level nesting, a header of hundreds of KB, a 1 MB line)
are built by tests/mail.rs at run time instead of being stored.
"""

import base64
import os
import quopri
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def crlf(text):
    return text.replace("\n", "\r\n")


def b64(data, width=76):
    enc = base64.b64encode(data).decode("ascii")
    return "\n".join(enc[i : i + width] for i in range(0, len(enc), width))


def ew(text, charset, enc="B"):
    """One RFC 2047 encoded word."""
    raw = text.encode(charset)
    if enc == "B":
        return "=?%s?B?%s?=" % (charset, base64.b64encode(raw).decode("ascii"))
    q = quopri.encodestring(raw, header=True).decode("ascii").replace("=\n", "")
    return "=?%s?Q?%s?=" % (charset, q)


# 1x1 transparent PNG (67 bytes)
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# ---------------------------------------------------------------------------
# Structure

write(
    "nested-mixed-alternative-related.eml",
    crlf(
        """From: "Anna Svensson" <anna@example.se>
To: Bob <bob@example.com>, carol@example.com
Cc: "Dan, the Man" <dan@example.com>
Reply-To: lists@example.se
Subject: Nested: mixed > alternative > related
Date: Tue, 05 Mar 2024 14:07:00 +0100
Message-ID: <nested-1@example.se>
In-Reply-To: <parent@example.com>
References: <root@example.com> <parent@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

This is a multi-part message in MIME format.
--outer
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Plain part: the report is attached.
Greetings from Göteborg.
--alt
Content-Type: multipart/related; boundary="rel"

--rel
Content-Type: text/html; charset=utf-8

<html><body><p>HTML part: the <b>report</b> is attached.</p><img src="cid:logo@example.se" alt="Logo"></body></html>
--rel
Content-Type: image/png
Content-Transfer-Encoding: base64
Content-ID: <logo@example.se>
Content-Disposition: inline; filename="logo.png"

"""
        + b64(PNG)
        + """
--rel--
--alt--
--outer
Content-Type: application/pdf; name="report.pdf"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="report.pdf"

"""
        + b64(PDF)
        + """
--outer--
"""
    ),
)

write(
    "missing-closing-boundary.eml",
    """From: a@example.com
To: b@example.com
Subject: Missing closing boundary
Content-Type: multipart/mixed; boundary="never-closed"

--never-closed
Content-Type: text/plain; charset=us-ascii

First part, still readable.
--never-closed
Content-Type: text/plain; name="notes.txt"
Content-Disposition: attachment; filename="notes.txt"

The file ends without a closing boundary.
""",
)

write(
    "boundary-never-appears.eml",
    """From: a@example.com
To: b@example.com
Subject: Boundary that never appears
Content-Type: multipart/mixed; boundary="not-in-this-message"

--some-other-boundary
Content-Type: text/plain

Text that sits under a boundary nobody declared.
--some-other-boundary--
""",
)

inner = """From: Eve <eve@example.org>
To: anna@example.se
Subject: Original message
Date: Mon, 04 Mar 2024 09:00:00 +0000
Message-ID: <orig@example.org>
Content-Type: multipart/mixed; boundary="inner"

--inner
Content-Type: text/plain

The forwarded text.
--inner
Content-Type: text/csv; name="data.csv"
Content-Disposition: attachment; filename="data.csv"

a,b
1,2
--inner--
"""
write(
    "forwarded-rfc822.eml",
    """From: anna@example.se
To: bob@example.com
Subject: Fwd: Original message
Date: Tue, 05 Mar 2024 10:00:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="fwd"

--fwd
Content-Type: text/plain; charset=utf-8

See the forwarded message below.
--fwd
Content-Type: message/rfc822
Content-Disposition: inline

"""
    + inner
    + """--fwd--
""",
)

# ---------------------------------------------------------------------------
# Transfer encodings

write(
    "broken-base64.eml",
    """From: a@example.com
To: b@example.com
Subject: Broken base64
Content-Type: multipart/mixed; boundary="b64"

--b64
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

SGVsbG8g!d29y#bGQsIGJy
b2tlbiBi YXNlNjQu
--b64
Content-Type: application/octet-stream; name="truncated.bin"
Content-Disposition: attachment; filename="truncated.bin"
Content-Transfer-Encoding: base64

AAECAwQFBgcICQ
--b64--
""",
)

write(
    "broken-quoted-printable.eml",
    """From: a@example.com
To: b@example.com
Subject: Broken quoted-printable
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

Hall=E5 d=E4r, bad escape =ZZ here, lower case =e4 is fine,
a soft=
 break, a lone = sign, and a cut escape at the end =4""",
)

# ---------------------------------------------------------------------------
# Charsets

bg_subject = "Здравей, свят! Тестово писмо"
bg_body = "Това е писмо на български език.\nЩастлива нова година, приятели!\n"
write(
    "bulgarian-windows-1251.eml",
    b"From: "
    + ew("Иван Петров", "windows-1251").encode()
    + b" <ivan@example.bg>\nTo: maria@example.bg\nSubject: "
    + ew(bg_subject, "windows-1251").encode()
    + b"\nDate: Wed, 06 Mar 2024 08:30:00 +0200\n"
    + b"MIME-Version: 1.0\nContent-Type: text/plain; charset=windows-1251\n"
    + b"Content-Transfer-Encoding: 8bit\n\n"
    + bg_body.encode("windows-1251"),
)

koi_subject = "Привет из Софии"
koi_body = "Добрый день! Это письмо в кодировке KOI8-R.\nЕщё одна строка: съешь же ещё этих мягких французских булок.\n"
write(
    "bulgarian-koi8-r.eml",
    b"From: "
    + ew("Мария", "koi8-r", "Q").encode()
    + b" <maria@example.bg>\nTo: ivan@example.bg\nSubject: "
    + ew(koi_subject, "koi8-r", "Q").encode()
    + b"\nMIME-Version: 1.0\nContent-Type: text/plain; charset=KOI8-R\n"
    + b"Content-Transfer-Encoding: quoted-printable\n\n"
    + quopri.encodestring(koi_body.encode("koi8-r")),
)

sv_body = "Hej Åsa!\nVi äter smörgåsbord på fredag. Öl och blåbär.\n"
write(
    "swedish-iso-8859-1.eml",
    b"From: "
    + ew("Åsa Öberg", "iso-8859-1", "Q").encode()
    + b" <asa@example.se>\nTo: per@example.se\nSubject: "
    + ew("Smörgåsbord på fredag", "iso-8859-1", "Q").encode()
    + b"\nContent-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
    + sv_body.encode("iso-8859-1"),
)

nb_body = "Hei Øystein!\nBlåbærsyltetøy koster 49 € per glass.\nOg en smörgås til deg.\n"
write(
    "norwegian-iso-8859-15.eml",
    b"From: "
    + ew("Øystein Ærø", "iso-8859-15").encode()
    + b" <oystein@example.no>\nTo: kari@example.no\nSubject: "
    + ew("Pris: 49 € for blåbærsyltetøy", "iso-8859-15", "Q").encode()
    + b"\nContent-Type: text/plain; charset=iso-8859-15\nContent-Transfer-Encoding: quoted-printable\n\n"
    + quopri.encodestring(nb_body.encode("iso-8859-15")),
)

write(
    "missing-charset-utf8.eml",
    "From: a@example.com\nTo: b@example.com\nSubject: No charset, UTF-8 bytes\n"
    "Content-Type: text/plain\n\nGrüße aus Malmö – 5 €.\n",
)

write(
    "missing-charset-latin1.eml",
    b"From: a@example.com\nTo: b@example.com\nSubject: No charset, Latin-1 bytes\n\n"
    + "Kära Åsa, här är smörgåsarna.\n".encode("iso-8859-1"),
)

write(
    "wrong-charset-utf8-is-cp1251.eml",
    b"From: a@example.bg\nTo: b@example.bg\nSubject: Declared UTF-8, really windows-1251\n"
    + b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
    + "Добро утро, България! Как сте днес?\n".encode("windows-1251"),
)

write(
    "wrong-charset-latin1-is-utf8.eml",
    "From: a@example.se\nTo: b@example.se\nSubject: Declared ISO-8859-1, really UTF-8\n"
    "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
    "Blåbär och lingon från Särö.\n",
)

write(
    "raw-8bit-utf8-headers.eml",
    "From: Björn Ærøskøbing <bjorn@example.dk>\nTo: Здравко <zdravko@example.bg>\n"
    "Subject: Grüße från Åre – Здравей\nContent-Type: text/plain; charset=utf-8\n\nRaw UTF-8 in the headers.\n",
)

write(
    "raw-8bit-latin1-headers.eml",
    b"From: " + "Göran Ström".encode("iso-8859-1") + b" <goran@example.se>\n"
    b"To: per@example.se\nSubject: " + "Möte i Västerås".encode("iso-8859-1") + b"\n"
    b"Content-Type: text/plain; charset=iso-8859-1\n\n" + "Vi ses på mötet.\n".encode("iso-8859-1"),
)

write(
    "raw-8bit-cp1251-headers.eml",
    b"From: " + "Георги Димитров".encode("windows-1251") + b" <georgi@example.bg>\n"
    b"To: ivan@example.bg\nSubject: " + "Среща в понеделник".encode("windows-1251") + b"\n\n"
    + "Ще се видим в понеделник.\n".encode("windows-1251"),
)

# ---------------------------------------------------------------------------
# HTML

write(
    "html-only-remote-images.eml",
    """From: News <news@shop.example>
To: you@example.com
Subject: Spring offers
List-Id: Shop news <news.shop.example>
List-Unsubscribe: <mailto:unsub@shop.example?subject=unsubscribe>, <https://shop.example/unsub?u=42>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<!DOCTYPE html>
<html><head>
<title>Spring offers</title>
<style type=3D"text/css">.secret-style {{ color: red; }} body {{ background: url(https://track=
er.example/bg.png); }}</style>
<script>var secretScript =3D "stealCookies()";</script>
</head>
<body>
<p>Hello! Our <a href=3D"https://shop.example/spring?utm=3Dmail&amp;id=3D7">spring =
offers</a> are here.</p>
<img src=3D"https://tracker.example/open.gif?id=3D42" width=3D"1" height=3D"1">
<img src=3D"https://cdn.shop.example/banner.jpg" alt=3D"Spring banner">
<a href=3D"javascript:alert('x')">Do not click</a>
<p>Questions? Write to <a href=3D"mailto:help@shop.example">help@shop.example</a>.</p>
<script type=3D"text/javascript">document.write("injected text")</script>
</body></html>
""".replace("{{", "{").replace("}}", "}"),
)

# ---------------------------------------------------------------------------
# Attachments

write(
    "attachment-rfc2231-swedish-name.eml",
    """From: a@example.se
To: b@example.se
Subject: RFC 2231 file names
Content-Type: multipart/mixed; boundary="att"

--att
Content-Type: text/plain; charset=utf-8

Two attachments with encoded names.
--att
Content-Type: text/plain; charset=iso-8859-1
Content-Disposition: attachment;
 filename*0*=iso-8859-1''sm%F6rg;
 filename*1*=%E5sbord%20meny.txt
Content-Transfer-Encoding: base64

"""
    + b64("Räksmörgås 85 kr\n".encode("iso-8859-1"))
    + """
--att
Content-Type: application/pdf; name*=utf-8''Blåbär.pdf
Content-Disposition: attachment;
 filename*0*=utf-8''Bl%C3%A5b%C3%A4r;
 filename*1*=s%C3%A4song%20%C3%85re.pdf
Content-Transfer-Encoding: base64

"""
    + b64(PDF)
    + """
--att--
""",
)

write(
    "attachment-path-traversal-name.eml",
    """From: a@example.com
To: b@example.com
Subject: Dangerous file names
Content-Type: multipart/mixed; boundary="evil"

--evil
Content-Type: text/plain

See attachments.
--evil
Content-Type: text/plain; name="../../etc/passwd"
Content-Disposition: attachment; filename="../../etc/passwd"

root:x:0:0:root:/root:/bin/sh
--evil
Content-Type: application/octet-stream
Content-Disposition: attachment; filename="..\\\\..\\\\Windows\\\\System32\\\\evil.dll"
Content-Transfer-Encoding: base64

TVqQAAMAAAAEAAAA
--evil
Content-Type: application/octet-stream
Content-Disposition: attachment; filename=".bashrc"

alias ls=rm
--evil--
""",
)

# ---------------------------------------------------------------------------
# Headers and shape

write("empty.eml", b"")

rng = random.Random(20240305)
write("binary-garbage.bin", bytes(rng.randrange(256) for _ in range(4096)))

write(
    "headers-only.eml",
    "From: a@example.com\nTo: b@example.com\nSubject: Headers only, no body\n"
    "Date: Fri, 08 Mar 2024 12:00:00 +0000\nMessage-ID: <headers-only@example.com>",
)

write(
    "no-headers.eml",
    "Hello there\nthis file has no header lines at all\njust some text\n",
)

write(
    "unparseable-dates.eml",
    """From: a@example.com
To: b@example.com
Subject: Unparseable date
Date: the day after tomorrow, around lunch
Resent-Date: 99 Foo 20245 99:99:99 +9999

Dates that make no sense.
""",
)

write(
    "nul-bytes-and-mixed-newlines.eml",
    b"From: a@example.com\r\nTo: b@example.com\nSubject: NUL\x00 bytes and mixed\r\n newlines\r\n"
    b"Content-Type: text/plain; charset=utf-8\n\r\n"
    b"line one\r\nline\x00two\nline three\rline four\r\n",
)

write(
    "very-long-line.eml",
    "From: a@example.com\nTo: b@example.com\nSubject: A very long line\n"
    "Content-Type: text/plain\n\n" + ("word " * 8000).strip() + "\nEND-OF-LONG-LINE\n",
)
