#!/usr/bin/env python3
"""Reads a mail draft (REPORT-PERIOD.eml) back with Python's MIME parser.

    eml_check.py FILE.eml WORKBOOK.xlsx [subject=TEXT] [images=N] [text=TEXT]...

Fails (exit 1, a line per fault) unless: the parser finds no defect in
any part; it is a draft (X-Unsent: 1) with a Date, a Message-ID and the
subject; it has a text/plain and a text/html alternative; every cid: the
HTML names is an image/png part of the same multipart/related, and every
such image is named; the only attachment equals the workbook byte for
byte; nothing in the HTML is fetched from elsewhere or scripted; no part
carries the rows behind the figures (Ärendenummer, Placeringsid,
Pseudonym) or names the internal workbook; every line is at most 998
characters and ends in CRLF.
"""
import email
import email.policy
import re
import sys


def main(argv):
    path, workbook = argv[0], argv[1]
    raw = open(path, 'rb').read()
    faults = []
    if re.search(rb'(?<!\r)\n', raw):
        faults.append('a line ends in LF without CR')
    if any(len(line) > 998 for line in raw.split(b'\r\n')):
        faults.append('a line is longer than 998 characters')
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    for part in msg.walk():
        for d in part.defects:
            faults.append('%s: %s' % (part.get_content_type(), d.__class__.__name__))
    if msg['X-Unsent'] != '1':
        faults.append('not a draft: X-Unsent is %r' % msg['X-Unsent'])
    for h in ('Date', 'Message-ID', 'Subject', 'MIME-Version'):
        if not msg[h]:
            faults.append('no %s' % h)
    if msg.get_content_type() != 'multipart/mixed':
        faults.append('top is %s, want multipart/mixed' % msg.get_content_type())
    plain = msg.get_body(('plain',))
    page = msg.get_body(('html',))
    if plain is None or page is None:
        faults.append('want a text/plain and a text/html alternative')
        for f in faults:
            print(f)
        return 1
    text, html = plain.get_content(), page.get_content()
    images = {}
    for part in msg.walk():
        if part['Content-ID']:
            images[part['Content-ID'].strip('<>')] = part
    refs = re.findall(r'cid:([^"\'\s>]+)', html)
    for r in refs:
        p = images.get(r)
        if p is None:
            faults.append('cid:%s names no part' % r)
        elif p.get_content_type() != 'image/png' or p.get_content()[:8] != b'\x89PNG\r\n\x1a\n':
            faults.append('cid:%s is not a PNG image' % r)
    for cid in images:
        if cid not in refs:
            faults.append('image %s is not in the page' % cid)
    related = [p for p in msg.walk() if p.get_content_type() == 'multipart/related']
    if refs and (len(related) != 1 or sum(1 for p in related[0].iter_parts() if p['Content-ID']) != len(images)):
        faults.append('the images are not in the multipart/related of the page')
    atts = list(msg.iter_attachments())
    if len(atts) != 1:
        faults.append('%d attachments, want the workbook alone' % len(atts))
    elif atts[0].get_content() != open(workbook, 'rb').read():
        faults.append('the attachment %s differs from %s' % (atts[0].get_filename(), workbook))
    low = html.lower()
    for bad in ('<script', 'javascript:', ' src="http', " src='http", 'url(http', '@import', '<svg'):
        if bad in low:
            faults.append('the page has %s' % bad)
    for secret in ('Ärendenummer', 'Placeringsid', 'Pseudonym', 'internt'):
        if secret in html or secret in text:
            faults.append('the mail carries %s' % secret)
    for a in argv[2:]:
        key, _, val = a.partition('=')
        if key == 'subject' and msg['Subject'] != val:
            faults.append('subject %r, want %r' % (msg['Subject'], val))
        elif key == 'images' and len(refs) != int(val):
            faults.append('%d images, want %s' % (len(refs), val))
        elif key == 'text' and (val not in text or val not in html):
            faults.append('%r is not in both the text and the page' % val)
        elif key not in ('subject', 'images', 'text'):
            faults.append('unknown check %s' % a)
    for f in faults:
        print('%s: %s' % (path, f))
    return 1 if faults else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
