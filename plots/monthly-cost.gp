# Figure: monthly cost per arm, stacked by the components of the itemised
# bill (store servers, sites, circuits, cloud GPUs, transfer, ...; compute
# and bandwidth for results without costs.csv), with each total above its bar.
#
#   gnuplot -e "dir='plots/<scenario>'" plots/monthly-cost.gp
#
# Reads dir/data/monthly-cost-params.gp (scenario, component_label[],
# ncomponents, ymax) and dir/data/monthly-cost.dat (arm, one column per
# component, total, total label); writes dir/monthly-cost.png and .svg.
# `edgesim report` writes the data files from costs.csv (or summary.csv).

here = ARG0[1:strlen(ARG0) - strlen("monthly-cost.gp")]
load here."common.gp"
load dir."/data/monthly-cost-params.gp"

# Okabe-Ito first, then further distinguishable tones; reused past twelve.
array component_color[12]
component_color[1] = "#009E73"
component_color[2] = "#CC79A7"
component_color[3] = "#0072B2"
component_color[4] = "#E69F00"
component_color[5] = "#56B4E9"
component_color[6] = "#D55E00"
component_color[7] = "#F0E442"
component_color[8] = "#000000"
component_color[9] = "#999999"
component_color[10] = "#882255"
component_color[11] = "#44AA99"
component_color[12] = "#DDCC77"

set style data histograms
set style histogram rowstacked
set style fill solid 0.9 border rgb "#333333"
set boxwidth 0.5
set yrange [0:ymax]
set format y "$%.0s%c"
set ylabel "US dollars per month"
set grid noxtics ytics
set xtics scale 0
# Inverted, the key lists the components top down as the bars stack them.
set key outside right top box opaque invert
set title scenario.": monthly cost by component" font ",15"
ncols_data = ncomponents + 1

do for [fmt in "png svg"] {
    eval terminal_command(fmt, 1000, 560)
    set output dir."/monthly-cost.".fmt
    plot for [k=1:ncomponents] dir."/data/monthly-cost.dat" using (column(k + 1)):xtic(1) \
             lc rgb component_color[(k - 1) % 12 + 1] title component_label[k], \
         dir."/data/monthly-cost.dat" using 0:(column(ncols_data + 1)):(stringcolumn(ncols_data + 2)) \
             with labels offset 0, 1 font ",14" notitle
    set output
}
