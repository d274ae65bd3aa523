# The probe curve of the key-value probe workload: the fraction of probe
# reads that saw their write against the delay t after the write's
# acknowledgement, one line per point of a sweep (and arm), or per arm of a
# run, with the reads' Student-t 95% interval as error bars. The delays are
# evenly spaced, in the order the scenario lists them.
#
#   gnuplot -e "dir='plots/quorum-staleness'" plots/probe-curve.gp
#
# Reads dir/data/probe-curve-params.gp (scenario, base, ndelays,
# delay_label[], nseries, series_label[], series_dash[], series_colour[]) and
# dir/data/<base>.dat (one block per line: position, fraction, ci95_low,
# ci95_high); writes dir/<base>.png and .svg. `edgesim report` writes the
# data files from sweep.csv (base sweep-probe-curve) or from a run's
# summary.csv (base probe-curve).

here = ARG0[1:strlen(ARG0) - strlen("probe-curve.gp")]
load here."common.gp"
load dir."/data/probe-curve-params.gp"

# Okabe-Ito, after the two arm colours.
array palette[6] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
colour(i) = palette[(int(i) - 1) % 6 + 1]

set xlabel "t: delay from the write's acknowledgement to the read"
set ylabel "P(consistent): fraction of reads that saw the write"
set key at screen 0.5, screen 0.02 center bottom box opaque samplen 3 spacing 1.2 maxcols 1
set bmargin 5 + 1.3 * nseries
set grid xtics ytics
set xrange [-0.3:ndelays - 0.7]
set xtics ()
do for [i=1:ndelays] { set xtics add (delay_label[i] i - 1) }
set yrange [:1.02]
set format y "%.2f"
set title scenario.": probability of consistency against t" font ",15"

file = dir."/data/".base.".dat"
do for [fmt in "png svg"] {
    eval terminal_command(fmt, 1000, 620 + 22 * nseries)
    set output dir."/".base.".".fmt
    plot for [s=1:nseries] file index (s - 1) using 1:2:3:4 with yerrorlines \
         lc rgb colour(series_colour[s]) dt int(series_dash[s]) pt 7 ps 0.8 lw 2 title series_label[s]
    set output
}
