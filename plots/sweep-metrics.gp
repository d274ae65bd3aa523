# Figures of a sweep: each metric's mean against the first varied key, one
# line per arm (and per combination of the other keys' values), with
# Student-t 95% intervals over the repetitions as error bars.
#
#   gnuplot -e "dir='plots/<scenario>-sweep'" plots/sweep-metrics.gp
#
# Reads dir/data/sweep-metrics-params.gp (scenario, xlabel, numeric_axis,
# axis_label[], naxis, nmetrics, metric[], ylabel[], in_seconds[], nseries,
# series_label[], series_arm[], series_dash[]) and dir/data/sweep-<metric>.dat
# (one block per line: x, mean, ci95_low, ci95_high); writes
# dir/sweep-<metric>.png and .svg for each metric. `edgesim report` writes
# the data files from sweep.csv.

here = ARG0[1:strlen(ARG0) - strlen("sweep-metrics.gp")]
load here."common.gp"
load dir."/data/sweep-metrics-params.gp"

set xlabel xlabel
# The key under the axis label, one line per series.
set key at screen 0.5, screen 0.02 center bottom box opaque samplen 3 spacing 1.2 maxcols 1
set bmargin 4.5 + 1.25 * nseries
set grid xtics ytics
set offsets graph 0.04, graph 0.04, graph 0.08, 0
if (numeric_axis == 0) {
    set xrange [-0.5:naxis - 0.5]
    set xtics ()
    do for [i=1:naxis] { set xtics add (axis_label[i] i - 1) }
}

do for [m=1:nmetrics] {
    if (in_seconds[m] == 1) { set format y "%.3g s" } else { set format y "%.4g" }
    set ylabel ylabel[m]
    set title scenario.": ".metric[m]." against ".xlabel font ",15"
    file = dir."/data/sweep-".metric[m].".dat"
    do for [fmt in "png svg"] {
        eval terminal_command(fmt, 1000, 620)
        set output dir."/sweep-".metric[m].".".fmt
        plot for [s=1:nseries] file index (s - 1) using 1:2:3:4 with yerrorlines \
             lc rgb armcolor(series_arm[s]) dt int(series_dash[s]) pt 7 ps 0.8 lw 2 title series_label[s]
        set output
    }
}
