# Figure: replication time series (stale reads, hint backlog) per time bucket
# around the faults, one panel per metric, a line per arm, faults shaded.
#
#   gnuplot -e "dir='plots/<scenario>'" plots/replication-over-time.gp
#
# Reads dir/data/replication-over-time-params.gp,
# dir/data/replication-over-time-<arm>.dat and dir/data/faults.dat; writes
# dir/replication-over-time.png and .svg. `edgesim report` writes the data
# files from timeseries.csv, when it has such series.

here = ARG0[1:strlen(ARG0) - strlen("replication-over-time.gp")]
load here."common.gp"
load dir."/data/replication-over-time-params.gp"
figure_title = "stale reads and hint backlog around the faults"
yformat = "%g"
load here."timeline-panels.gp"
