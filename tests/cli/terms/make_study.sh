# Sourced by the terms cases' `setup` (run inside a copy of tests/data/mini): replaces the
# transcripts with small interviews whose counts were worked out by hand (see the comments),
# in two rounds. Coding files are not read by `terms`.
rm -rf transcripts coding condensation
mkdir -p transcripts/r1 transcripts/r2
cat > ipcode.yaml <<'YAML'
ipcode: 1
title: Ord som skiller
language: nb
codebook: codebook.yaml
informants:
  - id: B1
    role: bruker
  - id: B2
    role: bruker
  - id: B10
    role: ansatt
rounds:
  - id: r1
    transcripts: transcripts/r1/*.txt
  - id: r2
    transcripts: transcripts/r2/*.txt
YAML
# B1 counts 14 words: plan 3 (planen 2, planene 1), åse 3 (Åse, ÅSE, åse), måte 3 (alone;
# the three "på en/ein måte" are fillers, one of them over a line break), grei, laget, lest,
# sa, greit. Fillers and stop words: ikke sant, ehm, liksom, sant, hm, ja, eh, ikkje sant;
# transcription marks ((ler) 3 times, [navn] 3 times, (pause)) are not speech.
cat > transcripts/r1/B1.txt <<'TXT'
---
informant: B1
---
I: Hva med planen? Planen og planene.
B1: Planen min var grei. Planene ble laget, og planen ble lest.
Ikke sant, på en måte var det Åse som sa det. ÅSE og åse, ehm, liksom.
Sant. Måte, måte, måte. Hm.
I: Og planen?
B1: Ja, på ein måte. Eh, ikkje sant. Det var på en
måte greit.
B1: (ler) [navn], (ler) (pause) [navn] (ler) [navn].
TXT
# B2 counts 10 words: koordinator 3 (three forms), skolen 3, planen, skrev, fin, veit; the
# nynorsk line is stop words but "veit". The note before the first label is nobody's speech.
cat > transcripts/r1/B2.txt <<'TXT'
---
informant: B2
---
Notat fra kontoret. Kontoret, kontoret.
I: Hva gjorde koordinatoren?
B2: Koordinatoren skrev planen. Koordinatorene, koordinator.
Skolen var fin. Skolen og skolen.
Eg veit ikkje kva eller korleis, berre at me og dei no.
TXT
# B10 counts 8 words: bruker 3 (brukeren 2, brukere), tid 3 (tid 2, tiden), bestemmer,
# planen; the interviewer's four "planen" only with --include-interviewer.
cat > transcripts/r2/B10.txt <<'TXT'
I: Planen planen planen planen?
B10: Brukeren bestemmer. Brukeren, brukere.
Tid, tid, tiden. Planen.
TXT
# B3 has no speaker labels (its speech is the file's informant's, B3, who has no role in the
# manifest) and counts 3 words: samtykke 3 (samtykke 2, samtykket); numbers are left out.
cat > transcripts/r2/B3.txt <<'TXT'
Samtykke og samtykket. Samtykke i 2020, 2020 og 2020.
TXT
