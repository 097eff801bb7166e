/*
 * manifest.c: writes manifest.json (see manifest.h) with the JSON writer; hashes with
 * digest.c's SHA-256, the same as ingest uses for the input files.
 */
#include "report/manifest.h"

#include "model/digest.h"
#include "report/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void write_sha(json_writer *w, const unsigned char sha256[32])
{
    char hex[65];
    json_key(w, "sha256");
    json_string(w, digest_hex(sha256, hex));
}

static void write_text_or_null(json_writer *w, const char *key, const char *text)
{
    json_key(w, key);
    if (text)
        json_string(w, text);
    else
        json_null(w);
}

static void write_counts(json_writer *w, const row_counts *c)
{
    json_key(w, "rows");
    json_begin_object(w);
    json_key(w, "read");
    json_int(w, c->read);
    json_key(w, "accepted");
    json_int(w, c->accepted);
    json_key(w, "warned");
    json_int(w, c->warned);
    json_key(w, "rejected");
    json_int(w, c->rejected);
    json_key(w, "superseded");
    json_int(w, c->superseded);
    json_end_object(w);
}

static void write_input(json_writer *w, const submission_file *f)
{
    char text[16];
    json_begin_object(w);
    json_key(w, "path");
    json_string(w, f->path);
    write_sha(w, f->sha256);
    write_text_or_null(w, "kind", f->kind != KIND_UNKNOWN ? record_kind_name(f->kind) : NULL);
    write_text_or_null(w, "office", f->office);
    write_text_or_null(w, "period", f->has_period ? period_format(f->period, text) : NULL);
    write_text_or_null(w, "sent", f->sent ? date_format(f->sent, text) : NULL);
    write_text_or_null(w, "encoding", f->encoding);
    json_key(w, "rejected_whole");
    json_bool(w, f->rejected_whole);
    write_counts(w, &f->rows);
    json_end_object(w);
}

static void write_output(json_writer *w, const manifest_output *o)
{
    unsigned char sha256[32];
    digest_bytes(o->bytes, o->length, sha256);
    json_begin_object(w);
    json_key(w, "path");
    json_string(w, o->name);
    write_sha(w, sha256);
    json_key(w, "bytes");
    json_int(w, (int64_t)o->length);
    json_end_object(w);
}

void manifest_write(buffer *out, const manifest_header *header, const store *s,
                    const manifest_output *outputs, size_t output_count)
{
    json_writer w;
    json_init(&w, out);
    json_begin_object(&w);
    json_key(&w, "program");
    json_string(&w, "bulletin");
    json_key(&w, "version");
    json_string(&w, header->version);
    write_text_or_null(&w, "subject", header->subject);
    json_key(&w, "plan");
    json_begin_object(&w);
    json_key(&w, "path");
    json_string(&w, header->plan_path);
    write_sha(&w, header->plan_sha256);
    json_end_object(&w);
    json_key(&w, "inputs");
    json_begin_array(&w);
    for (size_t i = 0; i < s->files.count; i++)
        write_input(&w, store_file(s, (int)i));
    json_end_array(&w);
    row_counts total = store_totals(s);
    write_counts(&w, &total); /* over every input: read = accepted + rejected + superseded */
    json_key(&w, "outputs");
    json_begin_array(&w);
    for (size_t i = 0; i < output_count; i++)
        write_output(&w, &outputs[i]);
    json_end_array(&w);
    json_end_object(&w);
    json_finish(&w);
}
