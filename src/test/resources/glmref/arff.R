# The ARFF writer the fixture scripts share: NAME.arff from a data frame (factors as nominal attributes, numbers to
# 17 digits), instance weights in braces when given.
arff <- function(name, df, weights = NULL) {
  con <- file(paste0(name, ".arff"), "w")
  writeLines(paste0("@relation ", name), con)
  for (v in names(df)) {
    x <- df[[v]]
    if (is.factor(x)) {
      writeLines(paste0("@attribute ", v, " {", paste(levels(x), collapse = ","), "}"), con)
    } else {
      writeLines(paste0("@attribute ", v, " numeric"), con)
    }
  }
  writeLines("@data", con)
  for (i in seq_len(nrow(df))) {
    vals <- sapply(names(df), function(v) {
      x <- df[[v]]
      if (is.factor(x)) as.character(x[i]) else format(x[i], digits = 17)
    })
    line <- paste(vals, collapse = ",")
    if (!is.null(weights)) line <- paste0(line, ", {", format(weights[i], digits = 17), "}")
    writeLines(line, con)
  }
  close(con)
}
