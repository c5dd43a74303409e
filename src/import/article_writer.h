/* article_writer.h — an article of the edition model written back as an
 * article file: YAML front matter, then the body in CommonMark.
 *
 * What the importers produce goes through here, so that `folio check` reads
 * the file back to the very model that was written: text is written verbatim
 * (Chinese text and full-width punctuation untouched) and every character
 * CommonMark would read as markup is escaped. Emphasis that CommonMark's
 * flanking rules would not close next to Chinese punctuation is fenced with an
 * empty HTML comment, which the edition reader drops.
 *
 * The model is expected in the form the edition reader produces, which is what
 * a file can hold: texts in NFC without control characters; neighbouring spans
 * of equal style merged; a paragraph neither starting nor ending with a blank
 * or a hard break (the writer drops such blanks and breaks, and empty spans).
 * Two things a file cannot express are written as near as possible: a hard
 * break in a level-3 heading becomes a space, and a list marked tight whose
 * items hold blocks that would run together is written loose. */
#ifndef FOLIO_IMPORT_ARTICLE_WRITER_H
#define FOLIO_IMPORT_ARTICLE_WRITER_H

#include "../edition/edition.h"
#include "../util/buf.h"

/* Appends the article file for a to out: front matter (title, subtitle,
 * author — one string or a list —, byline, source, and kind unless it is
 * article), then the blocks. An image block is written with img->path as the
 * reference, relative to the article file. Returns 0, or -1 when memory ran
 * out (out->oom is then set). */
int article_write_md(const folio_article *a, folio_buf *out);

/* Appends s as a YAML scalar: plain when YAML reads it back as that same
 * text, else double-quoted with escapes (for edition.yaml and front matter).
 * Returns 0, or -1 on OOM. */
int yaml_put_scalar(folio_buf *out, const char *s);

#endif
