/* libxlsxwriter alone: writes the cells of a `hmic-bench cells` dump straight through the C API, with no
 * formats, and prints the seconds spent from workbook_new to the end of workbook_close (reading the dump is
 * not counted). The floor that the product's workbook writer is measured against.
 *
 *   cc -O2 -o lxw-bench Benchmarks/peers/lxw-bench.c -lxlsxwriter
 *   lxw-bench CELLS.tsv OUT.xlsx CONSTANT_MEMORY(0|1)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

typedef struct { int sheet; unsigned row; unsigned short col; char kind; char *text; double number; } cell_t;

static double cpu(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void unescape(char *s) {
    char *o = s;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
        } else {
            *o++ = *s;
        }
    }
    *o = 0;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: lxw-bench CELLS.tsv OUT.xlsx CONSTANT_MEMORY\n"); return 2; }
    FILE *in = fopen(argv[1], "r");
    if (!in) { perror(argv[1]); return 2; }
    size_t cap = 1 << 20, n = 0;
    cell_t *cells = malloc(cap * sizeof *cells);
    char *names[64]; int sheets = 0;
    char *line = NULL; size_t len = 0; ssize_t got;
    while ((got = getline(&line, &len, in)) > 0) {
        if (line[got - 1] == '\n') line[--got] = 0;
        char *f[5]; int k = 0; char *p = line;
        f[k++] = p;
        while (k < 5 && (p = strchr(p, '\t'))) { *p++ = 0; f[k++] = p; }
        if (strcmp(f[0], "sheet") == 0) { unescape(f[2]); if (sheets < 64) names[sheets++] = strdup(f[2]); continue; }
        if (k < 5) continue;
        if (n == cap) { cap *= 2; cells = realloc(cells, cap * sizeof *cells); }
        cell_t *c = &cells[n++];
        c->sheet = atoi(f[0]); c->row = (unsigned)atol(f[1]); c->col = (unsigned short)atoi(f[2]); c->kind = f[3][0];
        if (c->kind == 's') { unescape(f[4]); c->text = strdup(f[4]); } else { c->text = NULL; c->number = strtod(f[4], NULL); }
    }
    fclose(in);

    double start = now(), start_cpu = cpu();
    lxw_workbook_options options = { .constant_memory = (uint8_t)atoi(argv[3]), .tmpdir = NULL, .use_zip64 = 0 };
    lxw_workbook *wb = workbook_new_opt(argv[2], &options);
    lxw_worksheet *ws[64];
    for (int s = 0; s < sheets; s++) ws[s] = workbook_add_worksheet(wb, names[s]);
    for (size_t i = 0; i < n; i++) {
        cell_t *c = &cells[i];
        if (c->kind == 's') worksheet_write_string(ws[c->sheet], c->row, c->col, c->text, NULL);
        else worksheet_write_number(ws[c->sheet], c->row, c->col, c->number, NULL);
    }
    lxw_error e = workbook_close(wb);
    double seconds = now() - start, cpu_seconds = cpu() - start_cpu;
    if (e != LXW_NO_ERROR) { fprintf(stderr, "lxw-bench: %s\n", lxw_strerror(e)); return 1; }
    printf("cells %zu\nstage write %.4f 0 %.4f\n", n, seconds, cpu_seconds);
    return 0;
}
