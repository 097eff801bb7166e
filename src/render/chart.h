/*
 * chart.h: the bulletin's two charts, drawn as vector lines, rectangles and text on the
 * canvas: bars against a reference line (completion per industry against 序时进度), and
 * a line of values by month (cumulative output of the year).  Values arrive as doubles:
 * they only place marks on the page; the printed figures come from exact fractions.
 */
#ifndef BULLETIN_CHART_H
#define BULLETIN_CHART_H

#include "render/layout.h"

typedef struct chart_series {
    const char **labels;  /* one per point, drawn under the axis */
    const char **values_text; /* the value as printed above the bar or point, or NULL */
    double *values;
    bool *present;        /* false: no value for this point (not drawn) */
    size_t count;
} chart_series;

typedef struct chart_spec {
    const char *title;
    const char *unit;            /* e.g. %, 亿元: set above the value axis */
    const char *series_label;    /* legend of the bars or the line */
    const char *reference_label; /* legend of the reference line, or NULL for none */
    double reference;            /* the reference line's value */
    double height;               /* points, the plot area */
    layout_style text;           /* labels, ticks, legend */
    layout_style title_style;
    cmyk series_color, reference_color;
} chart_spec;

/* Draws a bar chart at the layout's cursor (moving to a new page if it does not fit). */
void chart_bars(layout *l, const chart_spec *spec, const chart_series *series);
/* Draws a line chart with a marker and its value at every present point. */
void chart_line(layout *l, const chart_spec *spec, const chart_series *series);

#endif
