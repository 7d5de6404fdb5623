"""Writes the held-out validation sets (target/heldout-validation/*.arff) from statsmodels' CSVs.

These sets were NOT used to choose NeuralGLM's defaults (src/bench/HELDOUT.md): `heldout --validation` runs the
defaults on them as a check of the study's choices on data it did not see. Needs Debian's python3-statsmodels
(the CSVs only; no statsmodels code runs). Usage: /usr/bin/python3 scripts/cpython/statsmodels_arff.py [out_dir]
The files are written, not committed: several of statsmodels' sets are there "with express permission of the
original author, who retains all rights".
"""
import csv
import os
import sys

import statsmodels.datasets as smd

ROOT = os.path.dirname(smd.__file__)

# name: (csv path, class column, family and kind of the class, columns dropped (names of rows), nominal columns
# as {column: values}, text of the header)
SETS = {
    "randhie": ("randhie/randhie.csv", "mdvis", [], {},
                "RAND Health Insurance Experiment: outpatient doctor visits (mdvis, a count; Poisson); all 20190 rows "
                "(docvisits in ../ is every 20th row of the same CSV)."),
    "fair": ("fair/fair.csv", "affairs", [], {},
             "Fair (1978), Redbook survey of women: time spent in extramarital affairs (affairs >= 0, 4313 of 6366 "
             "zero; Tweedie)."),
    "anes96": ("anes96/anes96.csv", "vote", [], {"vote": ["0", "1"]},
               "American National Election Studies 1996: vote (0 Clinton, 1 Dole; nominal) from party "
               "identification, ideology, age, education, income, TV news."),
    "spector": ("spector/spector.csv", "GRADE", ["OBS"], {"GRADE": ["0", "1"]},
                "Spector and Mazzeo (1980): grade improvement (GRADE 0/1; nominal) after a teaching method (PSI)."),
    "ccard": ("ccard/ccard.csv", "AVGEXP", [], {},
              "Greene: average monthly credit card expenditure (AVGEXP > 0; Gamma) of 72 card holders."),
    "scotland": ("scotland/scotvote.csv", "YES", ["COUNCILDIST"], {},
                 "Scottish parliament tax-raising vote 1997: percentage voting yes (YES > 0; Gamma) by council "
                 "district."),
    "committee": ("committee/committee.csv", "BILLS104", ["COMMITTEE"], {},
                  "US House committees: bills assigned in the 104th congress (BILLS104, a count; Poisson)."),
    "cpunish": ("cpunish/cpunish.csv", "EXECUTIONS", ["STATE"], {},
                "Executions in US states in 1997 (EXECUTIONS, a count; Poisson)."),
    "longley": ("longley/longley.csv", "TOTEMP", ["Obs"], {},
                "Longley (1967): US total employment 1947-1962 (TOTEMP; Gaussian) from six collinear series."),
    "stackloss": ("stackloss/stackloss.csv", "STACKLOSS", [], {},
                  "Brownlee (1965): stack loss of a plant oxidising ammonia (STACKLOSS; Gaussian), 21 days."),
    "copper": ("copper/copper.csv", "WORLDCONSUMPTION", ["YEAR"], {},
               "World copper consumption 1951-1975 (WORLDCONSUMPTION; Gaussian) from prices and indices."),
    "statecrime": ("statecrime/statecrime.csv", "violent", ["state"], {},
                   "US states: violent crime rate per 100,000 (violent; Gaussian)."),
}


def write(name, out_dir):
    path, target, dropped, nominal, text = SETS[name]
    with open(os.path.join(ROOT, path), newline="") as f:
        first = f.readline()
        f.seek(0)
        if "\t" in first or "," in first:
            rows = list(csv.reader(f, delimiter="\t" if "\t" in first else ","))
        else:
            rows = [line.split() for line in f]
    header = [h.strip().strip("'\"") for h in rows[0]]
    body = [r for r in rows[1:] if r]
    keep = [i for i, h in enumerate(header) if h not in dropped and h != target] + [header.index(target)]
    lines = ["% " + text,
             "% Source: statsmodels, statsmodels/datasets/" + path + " (Debian package python3-statsmodels);"
             " public domain or free per its data.py.",
             "%% All %d rows of the CSV; columns %s dropped; class moved to the last column; written by"
             " scripts/cpython/statsmodels_arff.py." % (len(body), ", ".join(dropped) if dropped else "none"),
             "@relation " + name, ""]
    for i in keep:
        h = header[i]
        if h in nominal:
            lines.append("@attribute %s {%s}" % (h, ",".join(nominal[h])))
        else:
            lines.append("@attribute %s numeric" % h)
    lines += ["", "@data"]
    for r in body:
        values = []
        for i in keep:
            v = r[i].strip()
            if header[i] in nominal:
                v = str(int(float(v)))
            values.append(v)
        lines.append(",".join(values))
    with open(os.path.join(out_dir, name + ".arff"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(name, len(body), "rows,", len(keep) - 1, "inputs")


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "target/heldout-validation"
    os.makedirs(out, exist_ok=True)
    for n in SETS:
        write(n, out)
