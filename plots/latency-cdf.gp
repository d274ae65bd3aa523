# Figure: the update latency distribution of each arm, as a CDF through its
# percentile points (p50, p95, p99, p99.9, max) on a logarithmic latency axis,
# with the SLA marked.
#
#   gnuplot -e "dir='plots/<scenario>'" plots/latency-cdf.gp
#
# Reads dir/data/latency-cdf-params.gp (scenario, arms, sla, sla_label, xmin,
# xmax) and dir/data/latency-cdf-<arm>.dat (latency_s, cumulative fraction,
# position on the stretched axis, percentile, value label); writes
# dir/latency-cdf.png and dir/latency-cdf.svg. `edgesim report` writes the
# data files from summary.csv.

# latency-cdf-region.gp and latency-cdf-hq.gp set `here` and `figure` and
# load this script for the other consumers.
if (!exists("figure")) figure = "latency-cdf"
if (!exists("here")) here = ARG0[1:strlen(ARG0) - strlen("latency-cdf.gp")]
load here."common.gp"
load dir."/data/".figure."-params.gp"

set logscale x 10
set xrange [xmin:xmax]
set format x "%.0s %cs"
set mxtics 10
set grid xtics mxtics ytics lt 1 lc rgb grid_color, lt 1 lc rgb "#EEEEEE"
set xlabel "update latency at ".consumer.": capture to its view reflecting it (logarithmic)"
# The vertical axis is -log10(1 - F): equal steps for 0.9, 0.99, 0.999.
set yrange [0:4.35]
set ytics ("0.5" -log10(0.5), "0.9" 1, "0.95" -log10(0.05), "0.99" 2, "0.999" 3, "1 (max)" 4)
set ylabel "cumulative fraction of applied updates"
# Right, halfway up: the curves sit left of the SLA in a healthy run, and
# the SLA label is at the bottom, so this place is the one most often empty.
set key right center box opaque samplen 3 spacing 1.3
set title scenario.": update latency at ".consumer font ",15"

set arrow 1 from sla, graph 0 to sla, graph 1 nohead dt 2 lw 2 lc rgb "#333333"
set label 1 sla_label at sla, graph 0.06 right offset -0.8, 0 tc rgb "#333333"

data(a) = dir."/data/".figure."-".a.".dat"
# The first arm's values to the left of its points, the others' to the right.
do for [fmt in "png svg"] {
    eval terminal_command(fmt, 1000, 600)
    set output dir."/".figure.".".fmt
    plot for [i=1:words(arms)] data(word(arms, i)) using 1:3 with linespoints \
             lw 2.5 pt 7 ps 1.3 lc rgb armcolor(word(arms, i)) title word(arms, i), \
         data(word(arms, 1)) using 1:3:5 with labels right offset -0.9, 0 \
             tc rgb armcolor(word(arms, 1)) notitle, \
         for [i=2:words(arms)] data(word(arms, i)) using 1:3:5 with labels left offset 0.9, 0 \
             tc rgb armcolor(word(arms, i)) notitle
    set output
}
