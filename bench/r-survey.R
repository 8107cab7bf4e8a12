#!/usr/bin/env Rscript
# The ceiling of the analysis benchmark (bench/r-survey.ts): R `survey` working out the estimates `diag analyze`
# publishes for the areas and items, from the same respondents, weights and design: each score's weighted mean and
# standard error (Taylor linearisation) in every segment × staff group cell and in the margins. Both staff groups
# together: svyby over segments and svymean, with the JST's weight; one staff group: svyby over segment × group and
# over group, with the weight shared within the group. Design: ids = ~jst (JSTs as clusters), strata = ~stratum,
# a lonely PSU centred on the grand mean, as diag does.
#
# Usage: Rscript bench/r-survey.R respondents.csv estimates.csv
# Prints "read <s>" and "estimates <s>" (elapsed seconds); writes variable, segment, group, mean, se.
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
args <- commandArgs(trailingOnly = TRUE)
t0 <- proc.time()[["elapsed"]]
d <- read.csv(args[1], colClasses = c(id = "character", jst = "character", stratum = "character", segment = "character", group = "character"))
t1 <- proc.time()[["elapsed"]]
des <- svydesign(ids = ~jst, strata = ~stratum, weights = ~weight, data = d)
desg <- svydesign(ids = ~jst, strata = ~stratum, weights = ~weight_within_group, data = d)
vars <- setdiff(names(d), c("id", "jst", "stratum", "weight", "weight_within_group", "segment", "group"))
rows <- list()
add <- function(v, segment, group, est) {
  rows[[length(rows) + 1]] <<- data.frame(variable = v, segment = segment, group = group, mean = unname(coef(est)), se = unname(SE(est)))
}
for (v in vars) {
  f <- as.formula(paste0("~", v))
  by <- svyby(f, ~segment, des, svymean, na.rm = TRUE)
  add(v, as.character(by$segment), "all", by)
  add(v, "all", "all", svymean(f, des, na.rm = TRUE))
  by <- svyby(f, ~segment + group, desg, svymean, na.rm = TRUE)
  add(v, as.character(by$segment), as.character(by$group), by)
  by <- svyby(f, ~group, desg, svymean, na.rm = TRUE)
  add(v, "all", as.character(by$group), by)
}
t2 <- proc.time()[["elapsed"]]
out <- do.call(rbind, rows)
write.csv(format(out, digits = 17), args[2], row.names = FALSE)
cat(sprintf("read %.3f\nestimates %.3f\n", t1 - t0, t2 - t1))
