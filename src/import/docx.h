/* docx.h — a Word manuscript (.docx) read into one article.
 *
 * Reads the OOXML package with libzip and its XML parts with libxml2 (no
 * converters run): styles, numbering, the body, footnotes and endnotes, and
 * the pictures the body draws. Writes the article as front matter + CommonMark
 * (article_writer.h) with its pictures in images/ beside it, or files it into
 * an edition. */
#ifndef FOLIO_IMPORT_DOCX_H
#define FOLIO_IMPORT_DOCX_H

#include "import.h"

/* Imports the manuscript o->source into o->out (an article file) or, with
 * o->edition_dir, into that edition under o->section. Everything is written
 * under temporary names and renamed into place only at the end, so nothing
 * is left behind on error. What cannot be carried over (tables, text boxes,
 * equations, ...) is reported as a warning naming the paragraph. Returns 0,
 * or -1 with the errors in d. */
int docx_import(const folio_import_opts *o, folio_diags *d);

#endif
