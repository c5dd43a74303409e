#!/usr/bin/python3
"""Manuscripts for the import tests, each with the truth it should come back as.

  docx_make.py word DIR     DIR/word.docx (python-docx, then a few parts written
                            as Word writes them: a footnote, tracked changes, a
                            comment, a hyperlink) and DIR/word.json
  docx_make.py lo DIR       DIR/lo.fodt, DIR/lo2.html and DIR/plain.txt for
                            LibreOffice to convert, with their .json
  docx_make.py wordcn DIR   DIR/wordcn.docx: styles with the ids a Chinese Word
                            gives them (1, 2, a, a3), a heading set only by its
                            outline level (as WPS does), and DIR/wordcn.json
  docx_make.py front DIR    DIR/front-N.docx: front matter as manuscripts set it
                            (bylines, kickers, subtitles, sources), with
                            DIR/front.json: what each should give
  docx_make.py bad DIR      hostile and broken inputs (see make_bad)

The texts are written for these tests. The truth (JSON) lists the title,
authors, headings (level, text), the body paragraphs as they should read, the
bold and italic phrases, the pictures' captions and the notes."""

import base64
import json
import os
import re
import struct
import sys
import zipfile
import zlib


def png_bytes(w=48, h=32):
    rows = b''.join(b'\x00' + b''.join(bytes([(x * 5) % 256, (y * 7) % 256, 150])
                                       for x in range(w)) for y in range(h))

    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) +
            chunk(b'pHYs', struct.pack('>IIB', 5906, 5906, 1)) +
            chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))


# --- the Word manuscript (python-docx) -------------------------------------

WORD = {
    'title': '社区图书馆的夜晚',
    'authors': ['罗一帆', '唐小禾'],
    'intro': '\u3000\u3000晚上七点,城南社区图书馆的灯准时亮起。下班的年轻人、放学的孩子和散步归来的老人陆续走进来,'
             '有人借书,有人只是找个安静的角落坐一会儿。',
    'h1': '一、从一间储藏室开始',
    'p1a': '五年前,这里还是居委会堆放杂物的储藏室。',
    'p1b': '志愿者们用了三个周末清理出二十平方米的空间',
    'p1c': ',又从各家各户募集到第一批一千二百册图书。',
    'p2': '开馆那天,来的人比预想的多。管理员唐阿姨回忆说:“门口排起了队,我们只好临时多摆了两张桌子。”',
    'h2': '(一)开放时间的调整',
    'p3': '起初图书馆只在白天开放,可白天来的人并不多。一次问卷调查后,志愿者把开放时间改到了晚上。',
    'p4_before': '调整后的第一个月,借阅量增加了将近三倍',
    'p4_after': '。这个变化也让更多居民注意到了这个小小的空间。',
    'p4_note': '数据来自图书馆的借阅登记簿,统计时间为调整前后各一个月。',
    'caption': '图1 夜晚的阅览区',
    'h3': '二、读书会与手工课',
    'p5': '每周三晚上的读书会已经坚持了两年。参加的人从最初的五六个,发展到现在的三十多人。',
    'list': ['周一:儿童绘本时间', '周三:成人读书会', '周六:手工课'],
    'quote': '书架上的每一本书,都是邻居们一起挑出来的。',
    'p6_ins': '今年,图书馆还开通了线上预约,',
    'p6_del': '但很少有人使用。',
    'p6_rest': '居民可以在手机上查询馆藏并预约借书。',
    'link_text': '预约页面',
    'link_url': 'https://library.example.org/booking?from=word&lang=zh',
    'p7': '志愿者罗一帆说,图书馆最珍贵的不是书,而是人与人之间的那份信任。',
    'table': [['开放日', '借阅量'], ['工作日', '约六十册']],
    'source': '来源:本刊记者采写',
}


def make_word(out_dir):
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches, Pt

    w = WORD
    pic = os.path.join(out_dir, 'word-picture.png')
    with open(pic, 'wb') as f:
        f.write(png_bytes())
    d = docx.Document()
    styles = d.styles
    # Headings in styles named as a Chinese Word names them, with no built-in id
    for name, size in (('标题 1', 16), ('标题 2', 14)):
        s = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        s.base_style = styles['Normal']
        s.font.bold = True
        s.font.size = Pt(size)
    d.add_paragraph(w['title'], style='Title')
    p = d.add_paragraph('  '.join(w['authors']))
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph(w['intro'])
    d.add_paragraph(w['h1'], style='标题 1')
    p = d.add_paragraph(w['p1a'])
    r = p.add_run(w['p1b'])
    r.bold = True
    p.add_run(w['p1c'])
    d.add_paragraph(w['p2'])
    d.add_paragraph(w['h2'], style='标题 2')
    d.add_paragraph(w['p3'])
    p = d.add_paragraph(w['p4_before'] + 'NOTEMARK' + w['p4_after'])
    d.add_picture(pic, width=Inches(2.5))
    d.add_paragraph(w['caption'])
    d.add_paragraph(w['h3'], style='标题 1')
    p = d.add_paragraph()
    p.add_run(w['p5'][:8]).italic = True
    p.add_run(w['p5'][8:])
    for item in w['list']:
        d.add_paragraph(item, style='List Bullet')
    d.add_paragraph(w['quote'], style='Quote')
    d.add_paragraph('INSMARK' + 'DELMARK' + w['p6_rest'] + 'LINKMARK' + 'COMMENTMARK')
    t = d.add_table(rows=2, cols=2)
    for i, row in enumerate(w['table']):
        for j, cell in enumerate(row):
            t.cell(i, j).text = cell
    d.add_paragraph(w['p7'])
    d.add_paragraph(w['source'])
    path = os.path.join(out_dir, 'word.docx')
    d.save(path)
    word_parts(path)
    truth = {
        'title': w['title'], 'authors': w['authors'], 'source': w['source'],
        'headings': [[2, w['h1']], [3, w['h2']], [2, w['h3']]],
        'paragraphs': [
            w['intro'].strip('\u3000'), w['p1a'] + w['p1b'] + w['p1c'], w['p2'], w['p3'],
            w['p4_before'] + '[1]' + w['p4_after'], w['p5'], *w['list'], w['quote'],
            w['p6_ins'] + w['p6_rest'] + w['link_text'],
            *[c for row in w['table'] for c in row], w['p7'], '[1] ' + w['p4_note']],
        'bold': [w['p1b']], 'italic': [w['p5'][:8]],
        'captions': [w['caption']], 'links': [[w['link_text'], w['link_url']]],
        'absent': [w['p6_del']],
    }
    with open(os.path.join(out_dir, 'word.json'), 'w', encoding='utf-8') as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def run(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % text


def word_parts(path):
    """Adds what python-docx cannot write, as Word writes it: a footnote, a
    tracked insertion and deletion, a comment and a hyperlink."""
    w = WORD
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    doc = parts['word/document.xml'].decode('utf-8')

    def split_at(mark, replacement):
        nonlocal doc
        # the mark sits inside one w:t of one run: close that run around it
        i = doc.index(mark)
        r0 = doc.rindex('<w:r>', 0, i) if '<w:r>' in doc[:i] else doc.rindex('<w:r ', 0, i)
        t0 = doc.index('>', doc.index('<w:t', r0)) + 1
        t1 = doc.index('</w:t>', i)
        r1 = doc.index('</w:r>', t1) + len('</w:r>')
        text = doc[t0:t1]
        before, after = text.split(mark, 1)
        doc = (doc[:r0] + (run(before) if before else '') + replacement +
               (run(after) if after else '') + doc[r1:])

    split_at('NOTEMARK', '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign '
             'w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>')
    split_at('INSMARK', '<w:ins w:id="91" w:author="编辑" w:date="2024-03-01T10:00:00Z">' +
             run(w['p6_ins']) + '</w:ins>')
    split_at('DELMARK', '<w:del w:id="92" w:author="编辑" w:date="2024-03-01T10:00:00Z">'
             '<w:r><w:delText>%s</w:delText></w:r></w:del>' % w['p6_del'])
    split_at('LINKMARK', '<w:hyperlink r:id="rIdLink1" w:history="1"><w:r><w:rPr><w:rStyle '
             'w:val="Hyperlink"/></w:rPr><w:t>%s</w:t></w:r></w:hyperlink>' % w['link_text'])
    split_at('COMMENTMARK', '<w:commentRangeStart w:id="0"/><w:commentRangeEnd w:id="0"/>'
             '<w:r><w:commentReference w:id="0"/></w:r>')
    parts['word/document.xml'] = doc.encode('utf-8')
    parts['word/footnotes.xml'] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:footnotes %s><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
        '</w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        '<w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:pPr>'
        '<w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
        '</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> %s</w:t></w:r></w:p>'
        '</w:footnote></w:footnotes>' % (W_NS, w['p4_note'])).encode('utf-8')
    parts['word/comments.xml'] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments %s><w:comment '
        'w:id="0" w:author="编辑"><w:p><w:r><w:t>这里需要核实</w:t></w:r></w:p></w:comment>'
        '</w:comments>' % W_NS).encode('utf-8')
    rels = parts['word/_rels/document.xml.rels'].decode('utf-8')
    rels = rels.replace('</Relationships>', (
        '<Relationship Id="rIdNotes1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rIdCom1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
        'Target="comments.xml"/><Relationship Id="rIdLink1" Type="http://schemas.openxmlformats.'
        'org/officeDocument/2006/relationships/hyperlink" Target="%s" TargetMode="External"/>'
        '</Relationships>') % w['link_url'].replace('&', '&amp;'))
    parts['word/_rels/document.xml.rels'] = rels.encode('utf-8')
    ct = parts['[Content_Types].xml'].decode('utf-8')
    ct = ct.replace('</Types>', (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/word/comments.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"'
        '/></Types>'))
    parts['[Content_Types].xml'] = ct.encode('utf-8')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


# --- the LibreOffice manuscripts (flat ODT and HTML, converted by soffice) ---

LO = {
    'title': '一条河的十年',
    'authors': ['沈青禾'],
    'intro': '清晨六点,巡河员老郑已经沿着河堤走完了第一段。他的手机里存着十年来拍下的四千多张照片。',
    'h1': '一、从源头说起',
    'p1a': '十年前,这条河沿岸有',
    'p1b': '四十七个排污口',
    'p1c': ',如今只剩下三个,而且都装上了在线监测设备。',
    'p2': '治理从摸底开始。工作组把河道分成十二段,每一段都有专人负责,问题登记在册,限期整改。',
    'h2': '二、“河长”们的日常',
    'p3a': '每位河长每月至少巡河两次',
    'p3b': '。巡查中发现的问题,要在二十四小时内上报。',
    'note': '巡河记录按月汇总,年底公开。',
    'caption': '图1 十二段河道的巡查路线',
    'quote': '河长制不是挂一块牌子,而是要有人天天走在河边。',
    'list': ['清理河道淤泥', '截住生活污水', '恢复岸边植被'],
    'p4': '如今,河边的步道成了附近居民最喜欢的散步去处。傍晚时分,常能看到钓鱼的人和放风筝的孩子。',
}


def odt_p(style, text):
    return '<text:p text:style-name="%s">%s</text:p>' % (style, text)


def make_lo(out_dir):
    L = LO
    img = base64.b64encode(png_bytes(64, 40)).decode()
    note = ('<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1'
            '</text:note-citation><text:note-body>%s</text:note-body></text:note>'
            % odt_p('Footnote', L['note']))
    body = ''.join([
        odt_p('Title', L['title']),
        odt_p('Centred', L['authors'][0]),
        odt_p('Text_20_body', L['intro']),
        '<text:h text:style-name="Heading_20_1" text:outline-level="1">%s</text:h>' % L['h1'],
        odt_p('Text_20_body', L['p1a'] + '<text:span text:style-name="Bold">%s</text:span>'
              % L['p1b'] + L['p1c']),
        odt_p('Text_20_body', L['p2']),
        '<text:h text:style-name="Heading_20_1" text:outline-level="1">%s</text:h>' % L['h2'],
        odt_p('Text_20_body', L['p3a'] + note + L['p3b']),
        '<text:p text:style-name="Centred"><draw:frame draw:name="路线" text:anchor-type="as-char"'
        ' svg:width="4cm" svg:height="2.5cm"><draw:image><office:binary-data>%s'
        '</office:binary-data></draw:image></draw:frame></text:p>' % img,
        odt_p('Centred', L['caption']),
        odt_p('Quotations', L['quote']),
        '<text:list text:style-name="Numbering_20_123">%s</text:list>' % ''.join(
            '<text:list-item>%s</text:list-item>' % odt_p('List_20_Number', i) for i in L['list']),
        odt_p('Text_20_body', L['p4']),
    ])
    fodt = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="22pt" fo:font-weight="bold" style:font-size-asian="22pt" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1"><style:text-properties fo:font-size="16pt" fo:font-weight="bold" style:font-size-asian="16pt" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="Quotations" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1cm" fo:margin-right="1cm"/></style:style>
 <style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="List_20_Number" style:display-name="List Number" style:family="paragraph" style:parent-style-name="Standard"/>
 <text:list-style style:name="Numbering_20_123"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/></text:list-style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Centred" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/></style:style>
 <style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"/></style:style>
</office:automatic-styles>
<office:body><office:text>%s</office:text></office:body>
</office:document>''' % body
    with open(os.path.join(out_dir, 'lo.fodt'), 'w', encoding='utf-8') as f:
        f.write(fodt)
    truth = {
        'title': L['title'], 'authors': L['authors'],
        'headings': [[2, L['h1']], [2, L['h2']]],
        'paragraphs': [L['intro'], L['p1a'] + L['p1b'] + L['p1c'], L['p2'],
                       L['p3a'] + '[1]' + L['p3b'], L['quote'], *L['list'], L['p4'],
                       '[1] ' + L['note']],
        'bold': [L['p1b']], 'italic': [], 'captions': [L['caption']], 'links': [], 'absent': [],
    }
    with open(os.path.join(out_dir, 'lo.json'), 'w', encoding='utf-8') as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    make_lo_html(out_dir)
    make_plain(out_dir)


PLAIN = {
    'title': '老街的修鞋铺',
    'author': '陈立秋',
    'p1': '街角那间修鞋铺开了三十年。老板姓吴,街坊们都叫他吴师傅。',
    'h1': '一、手艺',
    'p2': '吴师傅修鞋从不用胶水对付,鞋底开了线,他一定重新缝过。',
    'h2': '二、街坊',
    'p3': '来修鞋的多是熟人,坐下来聊几句家常,鞋也就修好了。',
    'source': '来源:本刊特约',
}


def make_plain(out_dir):
    """A manuscript typed as plain text: no styles at all."""
    P = PLAIN
    with open(os.path.join(out_dir, 'plain.txt'), 'w', encoding='utf-8') as f:
        f.write('\n'.join([P['title'], '文/' + P['author'], P['p1'], P['h1'], P['p2'], P['h2'],
                           P['p3'], P['source']]) + '\n')
    truth = {
        'title': P['title'], 'authors': [P['author']], 'source': P['source'],
        'headings': [[2, P['h1']], [2, P['h2']]],
        'paragraphs': [P['p1'], P['p2'], P['p3']],
        'bold': [], 'italic': [], 'captions': [], 'links': [], 'absent': [],
    }
    with open(os.path.join(out_dir, 'plain.json'), 'w', encoding='utf-8') as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)


WORDCN = {
    'title': '一所乡村中学的晨读',
    'author': '文/许知远',
    'authors': ['许知远'],
    'p1': '早上六点半,操场边的读书声就响起来了。',
    'h1': '晨读是怎样开始的',
    'p2a': '最早提议晨读的是语文组的',
    'p2b': '刘老师',
    'p2c': '。她说,读出声来,记得更牢。',
    'h2': '坚持了三年',
    'p3': '三年里,晨读从未中断,连寒冬的早上也不例外。',
    'h3': '学生们的变化',
    'p4': '最明显的变化,是学生们敢在众人面前开口说话了。',
}


def make_wordcn(out_dir):
    """Styles as a Chinese Word names them: ids 1 and 2 for the headings
    (named heading 1, heading 2), a for Normal, a3 for Title; and one heading
    made only by an outline level on the paragraph, as WPS does."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    C = WORDCN
    d = docx.Document()
    d.add_paragraph(C['title'], style='Title')
    p = d.add_paragraph(C['author'])
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph(C['p1'])
    d.add_paragraph(C['h1'], style='Heading 1')
    p = d.add_paragraph(C['p2a'])
    p.add_run(C['p2b']).bold = True
    p.add_run(C['p2c'])
    d.add_paragraph(C['h2'], style='Heading 2')
    d.add_paragraph(C['p3'])
    d.add_paragraph('OUTLINEMARK' + C['h3'])
    d.add_paragraph(C['p4'])
    path = os.path.join(out_dir, 'wordcn.docx')
    d.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    ids = {'Heading1': '1', 'Heading2': '2', 'Normal': 'a', 'Title': 'a3'}
    for name in ('word/styles.xml', 'word/document.xml'):
        x = parts[name].decode('utf-8')
        for old, new in ids.items():
            x = x.replace('w:styleId="%s"' % old, 'w:styleId="%s"' % new)
            for ref in ('pStyle', 'basedOn', 'next'):
                x = x.replace('<w:%s w:val="%s"/>' % (ref, old), '<w:%s w:val="%s"/>' % (ref, new))
        if name == 'word/document.xml':
            i = x.index('OUTLINEMARK')
            p0 = x.rindex('<w:p>', 0, i)
            x = (x[:p0] + '<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr>' +
                 x[p0 + len('<w:p>'):].replace('OUTLINEMARK', '', 1))
        parts[name] = x.encode('utf-8')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    truth = {
        'title': C['title'], 'authors': C['authors'],
        'headings': [[2, C['h1']], [3, C['h2']], [2, C['h3']]],
        'paragraphs': [C['p1'], C['p2a'] + C['p2b'] + C['p2c'], C['p3'], C['p4']],
        'bold': [C['p2b']], 'italic': [], 'captions': [], 'links': [], 'absent': [],
    }
    with open(os.path.join(out_dir, 'wordcn.json'), 'w', encoding='utf-8') as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)


HTML = {
    'title': '秋收时节的合作社',
    'author': '何晴',
    'p1': '九月底,合作社的晒场上铺满了金黄的稻谷。社员们一边翻晒,一边算着今年的收成。',
    'h1': '统一收购',
    'p2a': '今年合作社第一次实行',
    'p2b': '统一收购、统一销售',
    'p2c': ',每斤稻谷比往年多卖了一毛五。',
    'caption': '图1 晒场一角',
    'p3': '理事长说,明年还打算办一个小型加工厂,把稻谷加工成大米再卖。',
}


def make_lo_html(out_dir):
    H = HTML
    img = base64.b64encode(png_bytes(40, 40)).decode()
    html = '''<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>%(title)s</title></head><body>
<p align="center" style="font-size:22pt"><b>%(title)s</b></p>
<p align="center">作者:%(author)s</p>
<p>%(p1)s</p>
<h2>%(h1)s</h2>
<p>%(p2a)s<b>%(p2b)s</b>%(p2c)s</p>
<p align="center"><img src="data:image/png;base64,%(img)s" width="120" height="120"></p>
<p align="center">%(caption)s</p>
<p>%(p3)s</p>
</body></html>''' % dict(H, img=img)
    with open(os.path.join(out_dir, 'lo2.html'), 'w', encoding='utf-8') as f:
        f.write(html)
    truth = {
        'title': H['title'], 'authors': [H['author']],
        'headings': [[2, H['h1']]],
        'paragraphs': [H['p1'], H['p2a'] + H['p2b'] + H['p2c'], H['p3']],
        'bold': [H['p2b']], 'italic': [], 'captions': [H['caption']], 'links': [], 'absent': [],
    }
    with open(os.path.join(out_dir, 'lo2.json'), 'w', encoding='utf-8') as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)


# --- front matter as manuscripts set it -------------------------------------

BODY = '正文的第一段,写的是一件平常的事情。'
FRONT = [
    # (paragraphs as (text, style, centred)), expected front matter
    ([('乡村振兴,路在何方?', 'Title', 1), ('作者:张三 李四', None, 1), (BODY, None, 0)],
     {'title': '乡村振兴,路在何方?', 'author': ['张三', '李四']}),
    ([('一份调查报告', None, 1), ('——以某县为例', None, 1), ('文/王五', None, 1), (BODY, None, 0)],
     {'title': '一份调查报告', 'subtitle': '——以某县为例', 'author': '王五'}),
    ([('【调查研究】', None, 0), ('基层减负的三个办法', None, 1), ('□ 赵  六', None, 1),
      (BODY, None, 0)],
     {'title': '基层减负的三个办法', 'author': '赵六'}),
    ([('关于强化干部教育培训的思考', 'Title', 1), ('市委组织部城市组织处课题组', None, 1),
      (BODY, None, 0)],
     {'title': '关于强化干部教育培训的思考', 'byline': '市委组织部城市组织处课题组'}),
    ([('湿地里的候鸟', 'Title', 1), ('孙七(省林业科学研究院)', None, 1), (BODY, None, 0),
      ('(来源:本刊编辑部)', None, 0)],
     {'title': '湿地里的候鸟', 'author': '孙七', 'byline': '省林业科学研究院',
      'source': '(来源:本刊编辑部)'}),
    ([('编辑部的一封信', 'Title', 1), ('编者按', None, 0), (BODY, None, 0)],
     {'title': '编辑部的一封信'}),
    ([('老城墙下的早市', None, 0), ('记者 周八 通讯员 吴九', None, 0), (BODY, None, 0)],
     {'title': '老城墙下的早市', 'author': ['周八', '吴九']}),
]


def make_front(out_dir):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    for i, (paras, _) in enumerate(FRONT):
        d = docx.Document()
        for text, style, centred in paras:
            p = d.add_paragraph(text, style=style) if style else d.add_paragraph(text)
            if centred:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        d.save(os.path.join(out_dir, 'front-%d.docx' % i))
    with open(os.path.join(out_dir, 'front.json'), 'w', encoding='utf-8') as f:
        json.dump([want for _, want in FRONT], f, ensure_ascii=False, indent=1)


# --- deleted paragraph marks: Word shows the paragraphs joined ----------------

def make_joins(out_dir):
    mark = ('<w:pPr><w:rPr><w:del w:id="%d" w:author="编辑" w:date="2024-03-01T10:00:00Z"/>'
            '</w:rPr></w:pPr>')
    gone = '<w:del w:id="9" w:author="编辑"><w:r><w:delText>整段删去。</w:delText></w:r></w:del>'
    paras = [('', '秋天的集市'),
             (mark % 1, '第一段的前半,'), ('', '接着写完。'),       # joined
             (mark % 2, '甲,'), (mark % 3, '乙,'), ('', '丙。'),     # three in one
             (mark % 4, gone), ('', '独立的一段。'),                  # a paragraph deleted
             (mark % 5, '表格前的一段。')]                            # nothing to join: a table
    xml = ''.join('<w:p>%s%s</w:p>' % (ppr, t if t.startswith('<') else run(t))
                  for ppr, t in paras)
    xml += ('<w:tbl><w:tr><w:tc><w:p>%s</w:p></w:tc></w:tr></w:tbl><w:p>%s</w:p>'
            % (run('格子'), run('表格后的一段。')))
    minimal_docx(os.path.join(out_dir, 'joins.docx'), body(xml))


# --- bad input ---------------------------------------------------------------

def ole2(streams):
    """A minimal OLE2 compound file whose directory holds these (empty)
    streams: enough for a reader that looks at the names."""
    sec = 512
    names = ['Root Entry'] + streams
    dirents = b''
    for i, n in enumerate(names):
        u = n.encode('utf-16-le') + b'\0\0'
        e = u.ljust(64, b'\0') + struct.pack('<HBB', len(u), 5 if i == 0 else 2, 1)
        left = right = 0xFFFFFFFF
        child = 1 if i == 0 and len(names) > 1 else 0xFFFFFFFF
        if i >= 1 and i + 1 < len(names):
            right = i + 1
        e += struct.pack('<III', left, right, child) + b'\0' * 16 + b'\0' * 4 + b'\0' * 16
        e += struct.pack('<IQ', 0xFFFFFFFE, 0)
        dirents += e.ljust(128, b'\0')
    dirents = dirents.ljust(((len(dirents) + sec - 1) // sec) * sec, b'\0')
    ndir = len(dirents) // sec
    # sector 0: FAT; sectors 1..ndir: directory
    fat = [0xFFFFFFFD] + [i + 2 for i in range(ndir - 1)] + [0xFFFFFFFE]
    fat_sec = struct.pack('<%dI' % len(fat), *fat).ljust(sec, b'\xff')
    hdr = struct.pack('<8s16sHHHHH6sIIIIIIIII', b'\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1', b'\0' * 16,
                      0x3E, 3, 0xFFFE, 9, 6, b'\0' * 6, 0, 1, 1, 0, 0x1000, 0xFFFFFFFE, 0,
                      0xFFFFFFFE, 0)
    hdr += struct.pack('<I', 0) + b'\xff' * (4 * 108)
    return hdr.ljust(sec, b'\xff') + fat_sec + dirents


def minimal_docx(path, document, rels=None, extra=None, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, 'w', compress) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
                   'ContentType="application/xml"/></Types>')
        z.writestr('word/document.xml', document)
        if rels:
            z.writestr('word/_rels/document.xml.rels', rels)
        for n, data in (extra or {}).items():
            z.writestr(n, data)


def body(xml):
    return ('<?xml version="1.0" encoding="UTF-8"?><w:document %s xmlns:r="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.'
            'openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.'
            'openxmlformats.org/drawingml/2006/main"><w:body>%s</w:body></w:document>'
            % (W_NS, xml))


def make_bad(out_dir):
    ok = body('<w:p><w:r><w:t>一段正文。</w:t></w:r></w:p>')
    with open(os.path.join(out_dir, 'binary.doc'), 'wb') as f:
        f.write(ole2(['WordDocument', '1Table']))
    with open(os.path.join(out_dir, 'locked.docx'), 'wb') as f:
        f.write(ole2(['EncryptionInfo', 'EncryptedPackage']))
    minimal_docx(os.path.join(out_dir, 'good.docx'), ok)
    with open(os.path.join(out_dir, 'good.docx'), 'rb') as f:
        data = f.read()
    with open(os.path.join(out_dir, 'damaged.docx'), 'wb') as f:
        f.write(data[:len(data) // 2])
    # 200 MB of spaces compresses to a few hundred KB
    with zipfile.ZipFile(os.path.join(out_dir, 'bomb.docx'), 'w', zipfile.ZIP_DEFLATED) as z:
        with z.open('word/document.xml', 'w', force_zip64=True) as f:
            f.write(ok[:ok.index('<w:body>')].encode())
            chunk = b' ' * (1 << 20)
            for _ in range(200):
                f.write(chunk)
            f.write(b'<w:body/></w:document>')
    lol = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
           + ''.join('<!ENTITY %s "%s">' % (chr(98 + i), ('&%s;' % chr(97 + i)) * 10)
                     for i in range(9)) + ']>' + ok[ok.index('<w:document'):].replace(
               '一段正文。', '&j;'))
    minimal_docx(os.path.join(out_dir, 'entities.docx'), lol)
    pic = body('<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="p"/><a:graphic>'
               '<a:graphicData><a:blip r:embed="rId9"/></a:graphicData></a:graphic></wp:inline>'
               '</w:drawing></w:r></w:p>')
    minimal_docx(os.path.join(out_dir, 'escape.docx'), pic, rels=(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/image" Target="../../../../etc/passwd"/>'
        '</Relationships>'))
    # a PNG cut short: the text imports, the picture is left out with a warning
    minimal_docx(os.path.join(out_dir, 'badpic.docx'), pic.replace(
        '<w:body>', '<w:body><w:p><w:r><w:t>一段正文。</w:t></w:r></w:p>'), rels=(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/image" Target="media/image1.png"/>'
        '</Relationships>'), extra={'word/media/image1.png': png_bytes()[:40]})
    minimal_docx(os.path.join(out_dir, 'notxml.docx'), '<w:document><w:body><w:p>')
    with zipfile.ZipFile(os.path.join(out_dir, 'other.zip'), 'w') as z:
        z.writestr('readme.txt', 'hello')


if __name__ == '__main__':
    kind, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    {'word': make_word, 'wordcn': make_wordcn, 'lo': make_lo, 'front': make_front,
     'joins': make_joins, 'bad': make_bad}[kind](out)
