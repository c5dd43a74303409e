# archive_common.bash — what the archive's crash, race and full-disk tests share (sourced;
# not a test itself).

# make_edition DIR NUMBER WORD [JOURNAL]: a small edition, issue NUMBER of 2024, whose
# articles carry WORD (a Latin token no other edition has) in a title and in the text.
make_edition() {
  local dir=$1 n=$2 word=$3 journal=${4:-试验周报}
  mkdir -p "$dir/articles"
  cat > "$dir/edition.yaml" <<YAML
journal: $journal
issue: 2024年第${n}期
date: 2024-$(printf %02d $(( (n - 1) % 12 + 1 )))-05
year: 2024
number: $n
publisher: 试验周报编辑部
contents:
  - section: 要闻
    articles:
      - articles/a.md
      - articles/b.md
YAML
  local a
  for a in a b; do
    {
      printf -- '---\ntitle: 社区议事 %s 第%s篇\nauthor: 林%s\n---\n\n' "$word" "$a" "$a"
      for i in $(seq 1 12); do
        printf '第%d段。居民议事会定期召开,%s 小组听取群众意见,推进社区治理。\n\n' "$i" "$word"
      done
    } > "$dir/articles/$a.md"
  done
}
