# Figure: bytes offered to each tier boundary per time bucket, one panel per
# boundary, a line per arm (logarithmic axis), with the faults shaded.
#
#   gnuplot -e "dir='plots/<scenario>'" plots/bytes-over-time.gp
#
# Reads dir/data/bytes-over-time-params.gp, dir/data/bytes-over-time-<arm>.dat
# and dir/data/faults.dat; writes dir/bytes-over-time.png and .svg.
# `edgesim report` writes the data files from timeseries.csv.

here = ARG0[1:strlen(ARG0) - strlen("bytes-over-time.gp")]
load here."common.gp"
load dir."/data/bytes-over-time-params.gp"
figure_title = "bytes per tier boundary over time"
# 1 kB, 10 MB, 1 GB: decimal prefixes, as in the report.
yformat = "%.0s %cB"
load here."timeline-panels.gp"
