/*
 * chart.c: bar and line charts on the canvas (see chart.h).  The value axis starts at 0
 * and ends at a round number above the largest value; ticks every fifth of it.
 */
#include "render/chart.h"

#include <math.h>
#include <stdio.h>

static const cmyk axis_color = {0, 0, 0, 0.8};
static const cmyk grid_color = {0, 0, 0, 0.15};

/* A round top for the value axis: 1, 2, 2.5 or 5 × 10^n, at least the largest value. */
static double axis_top(const chart_spec *spec, const chart_series *series)
{
    double largest = spec->reference_label ? spec->reference : 0;
    for (size_t i = 0; i < series->count; i++)
        if (series->present[i] && series->values[i] > largest)
            largest = series->values[i];
    if (largest <= 0)
        return 1;
    double magnitude = pow(10, floor(log10(largest)));
    static const double steps[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (steps[i] * magnitude >= largest * 1.1)
            return steps[i] * magnitude;
    return 10 * magnitude;
}

/* The geometry of one chart on its page. */
typedef struct plot {
    double left, right, bottom, top; /* the plot area */
    double axis_max;
    size_t page;
} plot;

static double y_of(const plot *p, double value)
{
    return p->bottom + (p->top - p->bottom) * value / p->axis_max;
}

static void draw_text_centered(layout *l, const plot *p, const layout_style *style, double x,
                               double baseline, const char *text)
{
    double width = canvas_text_width(l->canvas, style->role, text, style->size);
    canvas_text(l->canvas, p->page, style->role, x - width / 2, baseline, style->size, 0,
                style->color, false, text);
}

/* Title, frame, value axis with ticks and grid; returns the plot's geometry. */
static plot begin_plot(layout *l, const chart_spec *spec, const chart_series *series)
{
    const layout_style *text = &spec->text;
    double total = spec->title_style.leading + spec->height + 5 * text->leading;
    layout_ensure(l, total);
    layout_line(l, &spec->title_style, spec->title, ALIGN_CENTER);
    plot p;
    p.page = l->page;
    p.axis_max = axis_top(spec, series);
    p.left = l->geometry.left + 3.2 * text->size;
    p.right = l->geometry.left + l->geometry.width - text->size;
    p.top = l->y - text->leading;
    p.bottom = p.top - spec->height;
    canvas_text(l->canvas, p.page, text->role, l->geometry.left, p.top + 0.4 * text->size,
                text->size, 0, text->color, false, spec->unit);
    for (int tick = 0; tick <= 5; tick++) {
        double value = p.axis_max * tick / 5, y = y_of(&p, value);
        char label[32];
        snprintf(label, sizeof label, "%g", value);
        double width = canvas_text_width(l->canvas, text->role, label, text->size);
        canvas_text(l->canvas, p.page, text->role, p.left - width - 4, y - 0.35 * text->size,
                    text->size, 0, text->color, false, label);
        canvas_line(l->canvas, p.page, p.left, y, p.right, y, 0.4, tick ? grid_color : axis_color);
    }
    canvas_line(l->canvas, p.page, p.left, p.bottom, p.left, p.top, 0.6, axis_color);
    return p;
}

static void draw_labels(layout *l, const plot *p, const chart_spec *spec, const chart_series *s)
{
    double slot = (p->right - p->left) / (double)s->count;
    for (size_t i = 0; i < s->count; i++) {
        double x = p->left + slot * ((double)i + 0.5);
        layout_centered_lines(l, p->page, &spec->text, x, p->bottom - spec->text.leading,
                              slot * 0.92, s->labels[i]);
    }
}

static void draw_reference(layout *l, const plot *p, const chart_spec *spec)
{
    if (!spec->reference_label)
        return;
    double y = y_of(p, spec->reference);
    canvas_line(l->canvas, p->page, p->left, y, p->right, y, 1.2, spec->reference_color);
}

/* The legend under the chart: a swatch and a label per series; then moves the cursor. */
static void end_plot(layout *l, const plot *p, const chart_spec *spec, bool bars)
{
    const layout_style *text = &spec->text;
    double baseline = p->bottom - 3.4 * text->leading;
    double x = p->left;
    if (bars)
        canvas_rect(l->canvas, p->page, x, baseline, 14, 0.7 * text->size, spec->series_color, true, 0);
    else
        canvas_line(l->canvas, p->page, x, baseline + 0.35 * text->size, x + 14,
                    baseline + 0.35 * text->size, 1.5, spec->series_color);
    x += 18;
    x += canvas_text(l->canvas, p->page, text->role, x, baseline, text->size, 0, text->color, false,
                     spec->series_label) + 2 * text->size;
    if (spec->reference_label) {
        canvas_line(l->canvas, p->page, x, baseline + 0.35 * text->size, x + 14,
                    baseline + 0.35 * text->size, 1.2, spec->reference_color);
        canvas_text(l->canvas, p->page, text->role, x + 18, baseline, text->size, 0, text->color,
                    false, spec->reference_label);
    }
    l->y = baseline - text->leading;
}

void chart_bars(layout *l, const chart_spec *spec, const chart_series *series)
{
    if (series->count == 0)
        return;
    plot p = begin_plot(l, spec, series);
    double slot = (p.right - p.left) / (double)series->count;
    for (size_t i = 0; i < series->count; i++) {
        if (!series->present[i])
            continue;
        double x = p.left + slot * ((double)i + 0.22), width = slot * 0.56;
        double height = y_of(&p, series->values[i] > 0 ? series->values[i] : 0) - p.bottom;
        canvas_rect(l->canvas, p.page, x, p.bottom, width, height, spec->series_color, true, 0);
        if (series->values_text && series->values_text[i])
            draw_text_centered(l, &p, &spec->text, x + width / 2, p.bottom + height + 3,
                               series->values_text[i]);
    }
    draw_reference(l, &p, spec);
    draw_labels(l, &p, spec, series);
    end_plot(l, &p, spec, true);
}

void chart_line(layout *l, const chart_spec *spec, const chart_series *series)
{
    if (series->count == 0)
        return;
    plot p = begin_plot(l, spec, series);
    double slot = (p.right - p.left) / (double)series->count;
    double previous_x = 0, previous_y = 0;
    bool has_previous = false;
    for (size_t i = 0; i < series->count; i++) {
        if (!series->present[i]) {
            has_previous = false;
            continue;
        }
        double x = p.left + slot * ((double)i + 0.5), y = y_of(&p, series->values[i]);
        if (has_previous)
            canvas_line(l->canvas, p.page, previous_x, previous_y, x, y, 1.5, spec->series_color);
        canvas_rect(l->canvas, p.page, x - 2.5, y - 2.5, 5, 5, spec->series_color, true, 0);
        if (series->values_text && series->values_text[i])
            draw_text_centered(l, &p, &spec->text, x, y + 5, series->values_text[i]);
        previous_x = x;
        previous_y = y;
        has_previous = true;
    }
    draw_reference(l, &p, spec);
    draw_labels(l, &p, spec, series);
    end_plot(l, &p, spec, false);
}
