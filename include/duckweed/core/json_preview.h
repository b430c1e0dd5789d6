// A JSON value shown in a message: the value as compact JSON (exactly what `value.dump()` writes),
// cut to its first `max_chars` characters and followed by "... (N characters)", N the length of
// the whole text, when it is longer. Written without recursion, so a value of any depth is shown
// in time and memory linear in its size: nlohmann's dump() recurses once per level and overflowed
// the stack on a value 100,000 arrays deep (exit 139 in `import`, `fcm run`, `evaluate
// --capacity`, `diffuse --seeds-file`; found by the fuzz campaign, issue 10). core::ParseJson now
// refuses documents deeper than 256, but the streaming import's values are not parsed by it, and
// a long value is cut either way. `Json` is any nlohmann::basic_json (json, ordered_json).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace duckweed::core {

template <typename Json>
std::string JsonPreview(const Json& value, size_t max_chars = 60) {
  std::string shown;
  size_t total = 0;
  auto emit = [&](std::string_view text) {
    if (shown.size() < max_chars) shown.append(text.substr(0, max_chars - shown.size()));
    total += text.size();
  };
  // The containers being written, innermost last, each with its next element.
  struct Frame {
    const Json* container;
    typename Json::const_iterator next;
  };
  std::vector<Frame> open;
  auto begin = [&](const Json& v) {
    if (v.is_array() || v.is_object()) {
      emit(v.is_array() ? "[" : "{");
      open.push_back({&v, v.cbegin()});
    } else {
      emit(v.dump());  // a scalar: no recursion
    }
  };
  begin(value);
  while (!open.empty()) {
    Frame& top = open.back();
    const Json& container = *top.container;
    if (top.next == container.cend()) {
      emit(container.is_array() ? "]" : "}");
      open.pop_back();
      continue;
    }
    if (top.next != container.cbegin()) emit(",");
    const auto element = top.next++;
    if (container.is_object()) {
      emit(Json(element.key()).dump());
      emit(":");
    }
    begin(*element);  // may grow `open`: `top` is not used after this
  }
  if (total <= max_chars) return shown;
  return shown + "... (" + std::to_string(total) + " characters)";
}

}  // namespace duckweed::core
