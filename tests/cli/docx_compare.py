#!/usr/bin/python3
"""Compares an imported article with the truth of its manuscript.

  docx_compare.py TRUTH.json ARTICLE.md

Reads the front matter with PyYAML and the body with the cmark reference
parser (`cmark --to xml`, the library folio reads articles with), then
measures: title and authors (exact), the share of the manuscript's text that
comes back in order, every heading at its level, paragraphs (F1 of exact
matches, blanks ignored), bold and italic phrases, pictures (a PNG or JPEG
file beside the article, captioned), links, and text that must be gone
(tracked deletions). Prints one line of figures; exits 1 when the title or
authors differ, text < 99.5 %, a heading is missing, F1 < 0.97, or a bold
phrase, picture or link is lost."""

import difflib
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import yaml

NS = '{http://commonmark.org/xml/1.0}'


def squash(s):
    return re.sub(r'\s+', '', s)


def text_of(node):
    out = []
    for n in node.iter():
        tag = n.tag.replace(NS, '')
        if tag in ('text', 'code'):
            out.append(n.text or '')
        elif tag in ('softbreak', 'linebreak'):
            out.append(' ')
    return ''.join(out)


def read_article(path):
    with open(path, encoding='utf-8') as f:
        src = f.read()
    m = re.match(r'---\n(.*?)\n---\n', src, re.S)
    if not m:
        sys.exit('%s: no front matter' % path)
    front = yaml.safe_load(m.group(1))
    body = src[m.end():]
    xml = subprocess.run(['cmark', '--to', 'xml'], input=body.encode(), capture_output=True,
                         check=True).stdout
    return front, ET.fromstring(xml)


def main():
    truth_path, article = sys.argv[1], sys.argv[2]
    with open(truth_path, encoding='utf-8') as f:
        truth = json.load(f)
    front, doc = read_article(article)
    fails = []
    authors = front.get('author') or []
    if isinstance(authors, str):
        authors = [authors]
    title_ok = front.get('title') == truth['title']
    authors_ok = authors == truth['authors']
    if not title_ok:
        fails.append('title %r' % front.get('title'))
    if not authors_ok:
        fails.append('authors %r' % authors)

    headings, paras, strong, emph, images, links = [], [], [], [], [], []
    for n in doc.iter():
        tag = n.tag.replace(NS, '')
        if tag == 'heading':
            headings.append([int(n.get('level')), squash(text_of(n))])
        elif tag == 'paragraph':
            kids = [k.tag.replace(NS, '') for k in n]
            if kids != ['image']:
                paras.append(squash(text_of(n)))
        elif tag == 'strong':
            strong.append(squash(text_of(n)))
        elif tag == 'emph':
            emph.append(squash(text_of(n)))
        elif tag == 'image':
            images.append((n.get('destination'), squash(text_of(n))))
        elif tag == 'link':
            links.append((squash(text_of(n)), n.get('destination')))

    # the text: how much of each heading, paragraph and caption comes back
    # in order (blanks ignored)
    got = squash(text_of(doc))
    pieces = [squash(t) for t in [h for _, h in truth['headings']] + truth['paragraphs'] +
              truth['captions']]
    total = sum(len(p) for p in pieces)
    found = 0
    for p in pieces:
        sm = difflib.SequenceMatcher(None, p, got, autojunk=False)
        found += sum(b.size for b in sm.get_matching_blocks())
    kept = found / max(1, total)
    if kept < 0.995:
        fails.append('text %.1f%%' % (100 * kept))

    hs = [[lvl, squash(t)] for lvl, t in truth['headings']]
    found_h = sum(1 for h in hs if h in headings)
    if found_h < len(hs):
        fails.append('headings %s, want %s' % (headings, hs))

    want_p = [squash(p) for p in truth['paragraphs']]
    pool = list(paras)
    matched = 0
    for p in want_p:
        if p in pool:
            pool.remove(p)
            matched += 1
    prec = matched / max(1, len(paras))
    rec = matched / max(1, len(want_p))
    f1 = 2 * prec * rec / max(1e-9, prec + rec)
    if f1 < 0.97:
        fails.append('paragraphs F1 %.3f; missing %s; extra %s' %
                     (f1, [p for p in want_p if p not in paras], pool))

    def kept_in(phrases, spans):
        return sum(1 for p in phrases if any(squash(p) in s for s in spans))
    bold = kept_in(truth['bold'], strong)
    italic = kept_in(truth['italic'], emph)
    if bold < len(truth['bold']):
        fails.append('bold %s not in %s' % (truth['bold'], strong))
    if italic < len(truth['italic']):
        fails.append('italic %s not in %s' % (truth['italic'], emph))

    pics = 0
    base = os.path.dirname(article)
    for cap in truth['captions']:
        for dest, alt in images:
            path = os.path.join(base, dest)
            if alt != squash(cap) or not os.path.isfile(path):
                continue
            with open(path, 'rb') as f:
                head = f.read(8)
            if head.startswith(b'\x89PNG') or head.startswith(b'\xff\xd8\xff'):
                pics += 1
                break
    if pics < len(truth['captions']):
        fails.append('pictures %s, want captions %s' % (images, truth['captions']))

    link_ok = sum(1 for t, u in truth['links'] if (squash(t), u) in links)
    if link_ok < len(truth['links']):
        fails.append('links %s' % links)
    for gone in truth.get('absent', []):
        if squash(gone) in got:
            fails.append('deleted text came back: %s' % gone)
    if truth.get('source') and front.get('source') != truth['source']:
        fails.append('source %r' % front.get('source'))

    print('%s: title %s, authors %s, text %.2f%%, headings %d/%d, paragraphs F1 %.3f '
          '(P %.3f R %.3f), bold %d/%d, italic %d/%d, pictures %d/%d, links %d/%d' %
          (os.path.basename(article), 'exact' if title_ok else 'WRONG',
           'exact' if authors_ok else 'WRONG', 100 * kept, found_h, len(hs), f1, prec, rec,
           bold, len(truth['bold']), italic, len(truth['italic']), pics, len(truth['captions']),
           link_ok, len(truth['links'])))
    for f in fails:
        print('  FAIL:', f)
    sys.exit(1 if fails else 0)


if __name__ == '__main__':
    main()
