# Figure of a capacity search: the metric's mean at each value evaluated,
# the condition's threshold as a horizontal line (or, when the condition
# compares two metrics, the other metric's mean as a second line), and the
# knee (the largest value at which the condition does not hold yet) as a
# vertical line.
#
#   gnuplot -e "dir='Results/runs/<scenario>-capacity/figures'" plots/capacity-curve.gp
#
# Reads dir/data/capacity-curve-params.gp (scenario, key, metric, ylabel,
# in_seconds, in_usd, threshold, has_reference, reference, has_knee, knee, condition)
# and dir/data/capacity-curve.dat (value, metric_value, holds: 1 or 0, and
# reference_value when the condition compares two metrics); writes
# dir/capacity-curve.png and .svg. `edgesim report` writes the data files
# from capacity.csv and capacity.json.

here = ARG0[1:strlen(ARG0) - strlen("capacity-curve.gp")]
load here."common.gp"
load dir."/data/capacity-curve-params.gp"

set xlabel key
set ylabel ylabel
set title scenario.": ".metric." against ".key font ",15"
# With a second line the top left may be crowded by the knee's label: the key goes bottom right.
if (has_reference == 1) { set key bottom right box opaque } else { set key top left box opaque }
set grid xtics ytics
set offsets graph 0.04, graph 0.04, graph 0.08, graph 0.04
if (in_seconds == 1) { set format y "%.3g s" } else { if (in_usd == 1) { set format y "$%.0f" } else { set format y "%.4g" } }
# A condition comparing two metrics draws the second as a line instead of a threshold.
if (has_reference == 0) {
    set arrow 1 from graph 0, first threshold to graph 1, first threshold nohead lc rgb "#CC0000" dt 2 lw 1.5 front
    set label 1 "threshold: ".condition at graph 0.99, first threshold right offset 0, 0.8 tc rgb "#CC0000" front
}
if (has_knee == 1) {
    set arrow 2 from first knee, graph 0 to first knee, graph 1 nohead lc rgb "#333333" dt 3 lw 1.5 front
    set label 2 sprintf("knee: %g", knee) at first knee, graph 0.95 left offset 0.5, 0 front
}
file = dir."/data/capacity-curve.dat"
do for [fmt in "png svg"] {
    eval terminal_command(fmt, 1000, 620)
    set output dir."/capacity-curve.".fmt
    if (has_reference == 0) {
        plot file using 1:($3 == 0 ? $2 : NaN) with points pt 7 ps 1.2 lc rgb edge_color title "condition does not hold", \
             file using 1:($3 == 1 ? $2 : NaN) with points pt 5 ps 1.2 lc rgb cloud_color title "condition holds", \
             file using 1:2 with lines lc rgb "#888888" lw 1 notitle
    } else {
        plot file using 1:($3 == 0 ? $2 : NaN) with points pt 7 ps 1.2 lc rgb edge_color title metric.": condition does not hold", \
             file using 1:($3 == 1 ? $2 : NaN) with points pt 5 ps 1.2 lc rgb cloud_color title metric.": condition holds", \
             file using 1:2 with lines lc rgb "#888888" lw 1 notitle, \
             file using 1:4 with linespoints pt 6 ps 1.0 dt 2 lc rgb "#CC0000" lw 1.5 title reference
    }
    set output
}
