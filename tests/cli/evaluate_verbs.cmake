# `duckweed evaluate ...` and `duckweed transfer` end to end (ctest names evaluate.cli.*): good input
# prints the values, bad input exits 1 naming the problem. Included from tests/cli/CMakeLists.txt.
set(dw_cli_dir ${PROJECT_SOURCE_DIR}/tests/golden/evaluate/cli)
function(evaluate_cli_test name code text)
  add_test(NAME evaluate.cli.${name}
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/cli_expect.sh ${code} ${text} $<TARGET_FILE:duckweed>
                   ${ARGN})
endfunction()
# Stand-alone 0.25*0.4 + 0.3*0.6 + 0.35*0.3 = 0.385, surplus 0.2*0.4 - 0.1*0.3 = 0.05,
# weighted 0.45, balance 0.435 - 0.45 = -0.015.
evaluate_cli_test(aggregate_ok 0 "Loos 2010                   0.4350     0.3850   +0.0500       0.4500   -0.0150"
  evaluate aggregate --capacity ${dw_cli_dir}/cap_ok.json --scores ${dw_cli_dir}/scores_ok.csv)
evaluate_cli_test(aggregate_json 0 "\"standalone_sum\": 0.385,"
  evaluate aggregate --capacity ${dw_cli_dir}/cap_ok.json --scores ${dw_cli_dir}/scores_ok.csv --json)
evaluate_cli_test(capacity_not_monotone 1 "not monotone at criterion 'mobility'"
  evaluate aggregate --capacity ${dw_cli_dir}/cap_not_monotone.json --scores ${dw_cli_dir}/scores_ok.csv)
evaluate_cli_test(capacity_not_normalised 1 "must sum to 1 (mu(N) = 1), found 1.1"
  evaluate aggregate --capacity ${dw_cli_dir}/cap_not_normalised.json --scores ${dw_cli_dir}/scores_ok.csv)
evaluate_cli_test(unknown_domain 1 "scores_unknown_domain.csv:1: field 'tourism': unknown domain 'tourism'"
  evaluate aggregate --capacity ${dw_cli_dir}/cap_ok.json --scores ${dw_cli_dir}/scores_unknown_domain.csv)
evaluate_cli_test(missing_baseline 1 "missing baseline: indicator 'green_km' has no observation in its baseline year 2001"
  evaluate scores --indicators ${dw_cli_dir}/spec_baseline_year.csv --observations ${dw_cli_dir}/obs_no_baseline.csv)
evaluate_cli_test(survey_outside_scale 1 "survey_outside_scale.csv:3:22: field 'answer': answer 7 outside the scale 1..5"
  evaluate postures --survey ${dw_cli_dir}/survey_outside_scale.csv)
evaluate_cli_test(referentiel_cycle 1 "cycle of parent links: x_1.1 -> x_1.2 -> x_1.1"
  evaluate referentiel --actions ${dw_cli_dir}/actions_cycle.csv)
evaluate_cli_test(referentiel_missing_points 1 "field 'x_1.1': missing points"
  evaluate referentiel --actions ${dw_cli_dir}/actions_missing_points.csv)
evaluate_cli_test(transfer_ok 0 "lacks ~CAR                 now 0.30, gain +0.10"
  transfer Target --recipes ${dw_cli_dir}/recipes.json --data ${dw_cli_dir}/calibrated.csv)
evaluate_cli_test(transfer_unknown_town 1 "town 'Nowhere' is not in the data"
  transfer Nowhere --recipes ${dw_cli_dir}/recipes.json --data ${dw_cli_dir}/calibrated.csv)
evaluate_cli_test(peers_rank 0 "nature_green_belts           0.50      2/3    0.42     +0.08"
  evaluate peers Loos --indicators ${dw_cli_dir}/peers_indicators.csv
  --observations ${dw_cli_dir}/peers_observations.csv)
# 2011 by hand: energy (0.5 + 0.75) / 2, nature 0.5, participation 5/6; m = (0.3, 0.3, 0.2),
# I(energy, participation) = 0.2: 0.1875 + 0.15 + 0.16667 + 0.2 x 0.625 = 0.629167.
evaluate_cli_test(town_report 0 "\"choquet\": 0.6291666"
  evaluate Loos --out ${CMAKE_CURRENT_BINARY_DIR}/town_report
  --indicators ${dw_cli_dir}/town_indicators.csv --observations ${dw_cli_dir}/town_observations.csv
  --capacity ${dw_cli_dir}/town_capacity.json --survey ${dw_cli_dir}/town_survey.csv --json)
# Without a survey nor a référentiel, the report says those sections are absent and why (the record
# lists them; nothing is invented).
evaluate_cli_test(town_report_absent_sections 0 "\"section\": \"Référentiel (ADEME label lens)\""
  evaluate Loos --out ${CMAKE_CURRENT_BINARY_DIR}/town_report_absent
  --indicators ${dw_cli_dir}/town_indicators.csv --observations ${dw_cli_dir}/town_observations.csv
  --capacity ${dw_cli_dir}/town_capacity.json --json)
# Not a qca recipe (no expression; "negated" a string): bad input (exit 1), not an uncaught JSON
# exception.
evaluate_cli_test(transfer_recipes_wrong_type 1 "unexpected JSON shape"
  transfer Target --recipes ${dw_cli_dir}/recipes_wrong_type.json --data ${dw_cli_dir}/calibrated.csv)
