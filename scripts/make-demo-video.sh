#!/usr/bin/env bash
# make-demo-video.sh — regenerate the "Your safety on our ward" demo briefing.
#
# Produces, in static/media/demo/:
#   your-safety-on-our-ward.mp4         H.264 (baseline, yuv420p, faststart) + AAC mono
#   your-safety-on-our-ward.webm        VP9 + Opus (fallback for browsers without H.264)
#   your-safety-on-our-ward-poster.jpg  640x360 poster (the title card)
#   your-safety-on-our-ward.{en,cy,ar}.vtt  captions timed from the real narration
#
# Needs: bash, ffmpeg/ffprobe (with libx264, libvpx, libopus, drawtext),
# espeak-ng, awk and the Noto Sans fonts (Debian: fonts-noto-core).
#
# Why it is built this way:
# - Every narration phrase is synthesised as its own clip, so each caption cue
#   starts and ends exactly where that phrase is heard. Nothing is hand-timed,
#   so editing a sentence below can never leave the captions out of sync.
# - All timing is done in whole audio samples (integers), and every card is
#   rounded up to a whole number of video frames, so audio and video tracks are
#   the same length and no floating-point drift builds up across cards.
# - The output is deterministic enough to re-run in CI or after a text change;
#   nothing is downloaded.
#
# The content is EXAMPLE content. The Welsh and Arabic captions are drafts and
# must be checked by a qualified translator and the local clinical team before
# any real use.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-$ROOT/static/media/demo}"
NAME="your-safety-on-our-ward"

VOICE="en-gb"
WPM=150        # moderate pace: easier for people who are unwell, tired or not fluent
SR=22050       # espeak-ng's native rate; resampling speech up gains nothing
FPS=25
SPF=$((SR / FPS)) # audio samples per video frame (882): card lengths snap to this
W=640
H=360

# Pauses, in samples. A lead-in lets the viewer read the card before speech
# starts; the tail leaves time to absorb a message before the next card.
LEAD=$((SR * 5 / 10))  # 0.5 s
GAP=$((SR * 3 / 10))   # 0.3 s between phrases on the same card
TAIL=$((SR * 9 / 10))  # 0.9 s after the last phrase on a card
END_TAIL=$((SR * 2))   # 2 s hold on the final card

# Fonts: Noto ships with Debian (fonts-noto-core) and covers the Latin text we
# draw. Fall back to fc-match so the script also works on other layouts.
font() {
  local f="/usr/share/fonts/truetype/noto/$1"
  if [[ -f "$f" ]]; then echo "$f"; else fc-match -f '%{file}' "${1%.ttf}"; fi
}
FONT_BOLD="$(font NotoSans-Bold.ttf)"
FONT_REG="$(font NotoSans-Regular.ttf)"

# NHS identity colours (https://service-manual.nhs.uk/design-system/styles/colour)
NHS_BLUE="0x005eb8"
NHS_DARK_BLUE="0x003087"
NHS_TEXT="0x212b32"

# ---------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------
# Cards. Display lines are wrapped by hand ("|" = new line) because drawtext
# does not wrap, and hand-wrapping keeps phrases together for easy reading.
CARD_HEAD=(
  "Your safety|on our ward"
  "Call, don't fall"
  "It's OK to ask"
  "Keep your wristband on"
  "Worried someone is|getting worse? Tell us."
  "Ask us about"
)
CARD_BODY=(
  "A short guide for patients"
  "Use your call bell if you|need to get up."
  "Have you cleaned|your hands?"
  "Staff will check it before|giving you medicines."
  "You can also call for a review|(Martha's Rule)."
  "blood clots|your medicines|going home safely"
)
CARD_FOOT=(
  "Example content – to be reviewed locally"
  ""
  ""
  ""
  ""
  "Thank you for helping us keep you safe."
)

# Narration phrases: PHRASE_CARD[k] is the card phrase k is spoken on. Each
# phrase becomes one caption cue, so keep them short (two caption lines max).
PHRASE_CARD=(0 0 1 1 2 3 3 4 4 5 5)
EN=(
  "Your safety on our ward."
  "Here are five simple things you can do."
  "Call, don't fall."
  "Use your call bell if you need to get up."
  "It's OK to ask: have you cleaned your hands?"
  "Keep your wristband on."
  "Staff will check it before giving you medicines."
  "Worried someone is getting worse? Tell us."
  "You can also call for a review (Martha's Rule)."
  "Ask us about blood clots, your medicines and going home safely."
  "Thank you for helping us keep you safe."
)
CY=(
  "Eich diogelwch ar ein ward."
  "Dyma bum peth syml y gallwch chi eu gwneud."
  "Galwch, peidiwch â chwympo."
  "Defnyddiwch eich cloch alw os oes angen i chi godi."
  "Mae'n iawn gofyn: ydych chi wedi glanhau eich dwylo?"
  "Cadwch eich band arddwrn ymlaen."
  "Bydd y staff yn ei wirio cyn rhoi meddyginiaethau i chi."
  "Ydych chi'n poeni bod rhywun yn gwaethygu? Dywedwch wrthym ni."
  "Gallwch hefyd alw am adolygiad (Rheol Martha)."
  "Gofynnwch i ni am glotiau gwaed, eich meddyginiaethau a mynd adref yn ddiogel."
  "Diolch am ein helpu i'ch cadw'n ddiogel."
)
AR=(
  "سلامتك في جناحنا."
  "إليك خمسة أمور بسيطة يمكنك القيام بها."
  "اطلب المساعدة كي لا تسقط."
  "استخدم جرس الاستدعاء إذا احتجت إلى النهوض."
  "لا بأس أن تسأل: هل نظّفت يديك؟"
  "أبقِ سوار التعريف على معصمك."
  "سيتحقق منه الطاقم قبل إعطائك الأدوية."
  "هل تخشى أن حالة أحدهم تزداد سوءًا؟ أخبرنا."
  "يمكنك أيضًا طلب مراجعة طبية (قاعدة مارثا)."
  "اسألنا عن الجلطات الدموية وأدويتك والعودة إلى المنزل بأمان."
  "شكرًا لمساعدتنا في الحفاظ على سلامتك."
)

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
for tool in ffmpeg ffprobe espeak-ng awk; do
  command -v "$tool" >/dev/null || { echo "make-demo-video: missing $tool" >&2; exit 1; }
done

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"

ff() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }

# Sample count of a WAV file (for PCM, duration_ts is in samples).
samples() { ffprobe -v error -select_streams a:0 -show_entries stream=duration_ts -of csv=p=0 "$1"; }

# Samples -> WebVTT timestamp HH:MM:SS.mmm (rounded to the nearest ms).
vtt_time() {
  awk -v s="$1" -v sr="$SR" 'BEGIN {
    ms = int(s * 1000 / sr + 0.5)
    printf "%02d:%02d:%02d.%03d", int(ms / 3600000), int(ms / 60000) % 60, int(ms / 1000) % 60, ms % 1000
  }'
}

# Exact-length silence, same format as the speech clips so the concat demuxer
# can join them without re-timing.
silence() { # <samples> <out.wav>
  ff -f lavfi -i "anullsrc=r=$SR:cl=mono" -af "atrim=end_sample=$1" -c:a pcm_s16le "$2"
}

# drawtext reads text from a file (expansion=none) so apostrophes, colons and
# the "%" sign never need filter-graph escaping. mktemp (not a counter) names
# the file because this runs in a $(...) subshell, where a counter is lost.
drawtext() { # <text> <font> <size> <colour> <y> [x]
  local f
  f="$(mktemp "$TMP/text-XXXXXX")"
  printf '%s' "$1" >"$f"
  printf "drawtext=textfile=%s:expansion=none:fontfile=%s:fontsize=%s:fontcolor=%s:x=%s:y=%s" \
    "$f" "$2" "$3" "$4" "${6:-(w-text_w)/2}" "$5"
}

# Render one card to PNG. Lines are centred one by one (drawtext centres only
# a whole block), and the heading + body block is centred vertically in the
# space left between the top and bottom bands.
render_card() { # <index> <out.png>
  local i=$1 title=0 bg=white head_col=$NHS_BLUE body_col=$NHS_TEXT
  [[ $i -eq 0 ]] && title=1 && bg=$NHS_BLUE && head_col=white && body_col=white
  local head_size=40 head_lh=52 body_size=30 body_lh=42 between=14
  [[ $title -eq 1 ]] && head_size=54 head_lh=66 body_size=26 body_lh=36 between=20

  local -a head body
  IFS='|' read -r -a head <<<"${CARD_HEAD[$i]}"
  IFS='|' read -r -a body <<<"${CARD_BODY[$i]}"
  local foot="${CARD_FOOT[$i]}"

  local top=0 bottom=$H
  local filters="drawbox=x=0:y=0:w=$W:h=$H:color=$bg:t=fill"
  if [[ $title -eq 0 ]]; then
    # Blue header band ties every card to the briefing it belongs to.
    top=48
    filters+=",drawbox=x=0:y=0:w=$W:h=$top:color=$NHS_BLUE:t=fill"
    filters+=",$(drawtext "Your safety on our ward" "$FONT_BOLD" 20 white 12 24)"
    filters+=",$(drawtext "$i of $((${#CARD_HEAD[@]} - 1))" "$FONT_REG" 20 white 12 "w-text_w-24")"
  fi
  if [[ -n $foot ]]; then
    bottom=$((H - 44))
    filters+=",drawbox=x=0:y=$bottom:w=$W:h=44:color=$NHS_DARK_BLUE:t=fill"
    filters+=",$(drawtext "$foot" "$FONT_REG" 18 white $((bottom + 11)))"
  fi

  local block=$(( ${#head[@]} * head_lh + between + ${#body[@]} * body_lh ))
  local y=$(( top + (bottom - top - block) / 2 ))
  local line
  for line in "${head[@]}"; do
    filters+=",$(drawtext "$line" "$FONT_BOLD" "$head_size" "$head_col" "$y")"
    y=$((y + head_lh))
  done
  y=$((y + between))
  for line in "${body[@]}"; do
    filters+=",$(drawtext "$line" "$FONT_REG" "$body_size" "$body_col" "$y")"
    y=$((y + body_lh))
  done

  ff -f lavfi -i "color=c=white:s=${W}x${H}:d=1" -frames:v 1 -vf "$filters" "$2"
}

# ---------------------------------------------------------------------------
# 1. Narration clips, audio timeline and cue times
# ---------------------------------------------------------------------------
NCARDS=${#CARD_HEAD[@]}
NPHRASES=${#EN[@]}
declare -a CUE_START CUE_END CARD_LEN
: >"$TMP/audio.txt"
piece=0
add_piece() { echo "file '$1'" >>"$TMP/audio.txt"; }

t=0 # running position in samples
k=0
for ((c = 0; c < NCARDS; c++)); do
  card_start=$t
  piece=$((piece + 1)); silence "$LEAD" "$TMP/sil-$piece.wav"; add_piece "$TMP/sil-$piece.wav"
  t=$((t + LEAD))
  first=1
  while ((k < NPHRASES)) && ((PHRASE_CARD[k] == c)); do
    if ((first == 0)); then
      piece=$((piece + 1)); silence "$GAP" "$TMP/sil-$piece.wav"; add_piece "$TMP/sil-$piece.wav"
      t=$((t + GAP))
    fi
    first=0
    espeak-ng -v "$VOICE" -s "$WPM" -w "$TMP/raw-$k.wav" "${EN[$k]}"
    # espeak pads each clip with ~0.05 s before and ~0.4 s after the speech.
    # Trim both ends so cue times mark when words are actually heard.
    ff -i "$TMP/raw-$k.wav" \
      -af "silenceremove=start_periods=1:start_threshold=-50dB,areverse,silenceremove=start_periods=1:start_threshold=-50dB,areverse" \
      -ar "$SR" -ac 1 -c:a pcm_s16le "$TMP/say-$k.wav"
    n=$(samples "$TMP/say-$k.wav")
    add_piece "$TMP/say-$k.wav"
    CUE_START[k]=$t
    CUE_END[k]=$((t + n))
    t=$((t + n))
    k=$((k + 1))
  done
  tail=$TAIL
  ((c == NCARDS - 1)) && tail=$END_TAIL
  # Round the card up to whole video frames; the extra samples go in the tail.
  len=$((t + tail - card_start))
  len=$(( (len + SPF - 1) / SPF * SPF ))
  CARD_LEN[c]=$len
  piece=$((piece + 1)); silence $((card_start + len - t)) "$TMP/sil-$piece.wav"; add_piece "$TMP/sil-$piece.wav"
  t=$((card_start + len))
done
TOTAL=$t
ff -f concat -safe 0 -i "$TMP/audio.txt" -c:a pcm_s16le "$TMP/narration.wav"

# ---------------------------------------------------------------------------
# 2. Captions
# ---------------------------------------------------------------------------
write_vtt() { # <lang> <note> <array name>
  local -n texts=$3
  local f="$OUT/$NAME.$1.vtt"
  {
    printf 'WEBVTT\n\nNOTE\n%s\n' "$2"
    for ((k = 0; k < NPHRASES; k++)); do
      printf '\n%d\n%s --> %s\n%s\n' "$((k + 1))" \
        "$(vtt_time "${CUE_START[$k]}")" "$(vtt_time "${CUE_END[$k]}")" "${texts[$k]}"
    done
  } >"$f"
}
write_vtt en "Your safety on our ward. Example content – to be reviewed locally." EN
write_vtt cy "Eich diogelwch ar ein ward. Cynnwys enghreifftiol – i'w adolygu'n lleol. Draft translation: to be checked by a qualified Welsh translator." CY
write_vtt ar "سلامتك في جناحنا. محتوى توضيحي – تجب مراجعته محليًا. Draft translation: to be checked by a qualified Arabic translator." AR

# ---------------------------------------------------------------------------
# 3. Cards, video encodes and poster
# ---------------------------------------------------------------------------
inputs=()
concat=""
keyframes=""
pos=0
for ((c = 0; c < NCARDS; c++)); do
  render_card "$c" "$TMP/card-$c.png"
  secs=$(awk -v n="${CARD_LEN[$c]}" -v sr="$SR" 'BEGIN { printf "%.3f", n / sr }')
  inputs+=(-loop 1 -framerate "$FPS" -t "$secs" -i "$TMP/card-$c.png")
  concat+="[$c:v]"
  # A keyframe at every card start makes seeking to a message instant.
  keyframes+="${keyframes:+,}$(awk -v n="$pos" -v sr="$SR" 'BEGIN { printf "%.3f", n / sr }')"
  pos=$((pos + CARD_LEN[c]))
done
vgraph="${concat}concat=n=$NCARDS:v=1:a=0,format=yuv420p[v]"

# The cards are still images, so almost all bits go to the first frame of each
# card; -tune stillimage and a high CRF keep the files tiny with sharp text.
# Baseline profile, level 3.0 = avc1.42E01E: plays on every H.264 decoder.
ff "${inputs[@]}" -i "$TMP/narration.wav" -filter_complex "$vgraph" \
  -map "[v]" -map "$NCARDS:a" \
  -c:v libx264 -profile:v baseline -level 3.0 -preset veryslow -tune stillimage -crf 30 \
  -force_key_frames "$keyframes" -r "$FPS" \
  -c:a aac -b:a 32k -ac 1 -ar "$SR" \
  -movflags +faststart -map_metadata -1 -metadata title="Your safety on our ward (example)" \
  "$OUT/$NAME.mp4"

# WebM fallback: some Chromium builds ship without H.264. Opus always runs at
# 48 kHz; 24 kb/s mono is plenty for synthetic speech. +bitexact stops the
# muxer writing a random segment UID and the date, so re-runs are identical.
ff "${inputs[@]}" -i "$TMP/narration.wav" -filter_complex "$vgraph" \
  -map "[v]" -map "$NCARDS:a" \
  -c:v libvpx-vp9 -crf 42 -b:v 0 -deadline good -cpu-used 2 -row-mt 1 \
  -force_key_frames "$keyframes" -r "$FPS" \
  -c:a libopus -b:a 24k -ac 1 -ar 48000 \
  -fflags +bitexact -map_metadata -1 -metadata title="Your safety on our ward (example)" \
  "$OUT/$NAME.webm"

# Poster = the title card, so the page shows what the video is about before play.
ff -i "$TMP/card-0.png" -q:v 7 "$OUT/$NAME-poster.jpg"

# ---------------------------------------------------------------------------
# 4. Report
# ---------------------------------------------------------------------------
echo "Narration: $(vtt_time "$TOTAL") ($TOTAL samples at $SR Hz), $NCARDS cards, $NPHRASES cues"
for f in "$OUT/$NAME.mp4" "$OUT/$NAME.webm"; do
  printf '%s: %ss\n' "$(basename "$f")" \
    "$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f")"
done
ls -l "$OUT"
