# Figure: the mean age of each consumer's view (bars) and the p99 length of
# its stale episodes (points), both arms, on a logarithmic axis.
#
#   gnuplot -e "dir='plots/<scenario>'" plots/freshness.gp
#
# Reads dir/data/freshness-params.gp (scenario, arms, consumer_label, ymin,
# ymax) and dir/data/freshness-<arm>.dat (consumer index, mean age s, p99
# episode s, label); writes dir/freshness.png and dir/freshness.svg.

here = ARG0[1:strlen(ARG0) - strlen("freshness.gp")]
load here."common.gp"
load dir."/data/freshness-params.gp"

n = words(arms)
width = 0.8 / n
offset(i) = (i - (n + 1) / 2.0) * width
set logscale y 10
set yrange [ymin:ymax]
set format y "%.0s %cs"
set xrange [-0.6:2.6]
set xtics ("store" 0, "regional dashboard" 1, "headquarters" 2)
set ylabel "age of the view (logarithmic)"
set style fill solid 0.75 noborder
set boxwidth width * 0.9
set key top left box opaque
set title scenario.": freshness of each consumer's view" font ",15"

data(a) = dir."/data/freshness-".a.".dat"
do for [fmt in "png svg"] {
    eval terminal_command(fmt, 1000, 600)
    set output dir."/freshness.".fmt
    plot for [i=1:n] data(word(arms, i)) using ($1 + offset(i)):2 with boxes \
             lc rgb armcolor(word(arms, i)) title word(arms, i)." mean age", \
         for [i=1:n] data(word(arms, i)) using ($1 + offset(i)):3 with points pt 9 ps 1.6 \
             lc rgb "#222222" notitle, \
         for [i=1:n] data(word(arms, i)) using ($1 + offset(i)):2:4 with labels offset 0, 0.8 \
             tc rgb armcolor(word(arms, i)) notitle
    set output
}
