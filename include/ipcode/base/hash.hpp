/// SHA-256 (OpenSSL) as lower-case hex, for manifest.json and verify.
#pragma once

#include <string>
#include <string_view>

namespace ipcode {

std::string sha256_hex(std::string_view bytes);

}  // namespace ipcode
