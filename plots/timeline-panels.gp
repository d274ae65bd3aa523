# Panels of time series, one per metric, each with a line per arm, over the
# fault timeline. Loaded by bytes-over-time.gp and replication-over-time.gp
# after their parameters; not meant to be run alone.
#
# Expects: dir, figure, figure_title, scenario, arms, npanels, nrows, ncols,
# panel_title[], panel_note[], logscale, yformat, ylabel, t_unit, xmin, xmax,
# has_faults; data files dir/data/<figure>-<arm>.dat (bucket middle, then one
# column per panel) and dir/data/faults.dat (per fault window: middle, 1, width).

# Pixel layout: the title and a full-width legend on top, then rows of panels
# (each row: its panel titles, the plots, their tick labels), then the time
# axis title. Panels are placed by explicit margins, not `layout`, so that the
# legend can span the whole width (gnuplot keeps a key inside its plot's
# width, and gives every column the width of the longest entry).
width = 1000
top_px = 88
row_px = 300
row_title_px = 42
row_ticks_px = 46
bottom_px = 40
height = top_px + nrows * row_px + bottom_px
left = 0.11
right = 0.97
hgap = 0.1
cell = (right - left - (ncols - 1) * hgap) / ncols
sy(px) = 1.0 - px * 1.0 / height

set xrange [xmin:xmax]
set y2range [0:1]
unset y2tics
set style fill solid 1.0 noborder
set grid xtics ytics lt 1 lc rgb grid_color

series(a) = dir."/data/".figure."-".a.".dat"
faults = dir."/data/faults.dat"

do for [fmt in "png svg"] {
    eval terminal_command(fmt, width, height)
    set output dir."/".figure.".".fmt
    set multiplot title scenario.": ".figure_title font ",15"

    # The legend: an empty plot across the top whose only content is its key
    # (and no panel note left from the previous format's last panel).
    unset label 2
    set lmargin at screen left
    set rmargin at screen right
    set tmargin at screen sy(40)
    set bmargin at screen sy(top_px - 10)
    unset border
    unset tics
    unset grid
    unset xlabel
    unset ylabel
    unset title
    unset logscale y
    set yrange [0:1]
    set key center center horizontal samplen 3 width 2
    plot NaN with boxes lc rgb fault_color title (has_faults ? "fault active" : ""), \
         for [a in arms] NaN with lines lw 2.2 lc rgb armcolor(a) title a
    unset key
    set border 3 lc rgb "#444444"
    set xtics nomirror out
    set ytics nomirror out
    set grid xtics ytics lt 1 lc rgb grid_color
    if (logscale) { set logscale y 10; set autoscale y } else { set yrange [0:*] }
    set format y yformat

    do for [i=1:npanels] {
        row = (i - 1) / ncols
        col = (i - 1) % ncols
        set lmargin at screen left + col * (cell + hgap)
        set rmargin at screen left + col * (cell + hgap) + cell
        set tmargin at screen sy(top_px + row * row_px + row_title_px)
        set bmargin at screen sy(top_px + (row + 1) * row_px - row_ticks_px)
        set title panel_title[i] font ",13"
        if (col == 0) { set ylabel ylabel } else { unset ylabel }
        if (row == nrows - 1 || i + ncols > npanels) { set xlabel "simulated time (".t_unit.")" } else { unset xlabel }
        if (strlen(panel_note[i]) > 0) {
            set label 2 panel_note[i] at graph 0.02, graph 0.06 left tc rgb "#555555" font ",11" front
        } else {
            unset label 2
        }
        plot faults using 1:(has_faults ? $2 : NaN):3 axes x1y2 with boxes lc rgb fault_color notitle, \
             for [a in arms] series(a) using 1:(column(i + 1)) with lines lw 2.2 lc rgb armcolor(a) notitle
    }
    unset multiplot
    set output
}
