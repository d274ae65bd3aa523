# Figure: monthly cost per arm, stacked by component (compute, bandwidth),
# with each total above its bar.
#
#   gnuplot -e "dir='plots/<scenario>'" plots/monthly-cost.gp
#
# Reads dir/data/monthly-cost-params.gp (scenario, component_label[],
# ncomponents, ymax) and dir/data/monthly-cost.dat (arm, one column per
# component, total, total label); writes dir/monthly-cost.png and .svg.
# `edgesim report` writes the data files from summary.csv.

here = ARG0[1:strlen(ARG0) - strlen("monthly-cost.gp")]
load here."common.gp"
load dir."/data/monthly-cost-params.gp"

array component_color[2]
component_color[1] = "#009E73"
component_color[2] = "#CC79A7"

set style data histograms
set style histogram rowstacked
set style fill solid 0.9 border rgb "#333333"
set boxwidth 0.5
set yrange [0:ymax]
set format y "$%.0s%c"
set ylabel "US dollars per month"
set grid noxtics ytics
set xtics scale 0
set key top left box opaque
set title scenario.": monthly cost by component" font ",15"
ncols_data = ncomponents + 1

do for [fmt in "png svg"] {
    eval terminal_command(fmt, 1000, 560)
    set output dir."/monthly-cost.".fmt
    plot for [k=1:ncomponents] dir."/data/monthly-cost.dat" using (column(k + 1)):xtic(1) \
             lc rgb component_color[(k - 1) % 2 + 1] title component_label[k], \
         dir."/data/monthly-cost.dat" using 0:(column(ncols_data + 1)):(stringcolumn(ncols_data + 2)) \
             with labels offset 0, 1 font ",14" notitle
    set output
}
