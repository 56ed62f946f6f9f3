/// SHA-256 (OpenSSL) as lower-case hex, for manifest.json and verify; SHA-1 and name-based
/// UUIDs (version 5, RFC 4122 §4.3) for the stable GUIDs of a REFI-QDA export.
#pragma once

#include <array>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of every includer

namespace ipcode {

std::string sha256_hex(std::string_view bytes);

/// The 20 bytes of the SHA-1 digest (only for UUIDv5, never for integrity).
std::array<unsigned char, 20> sha1_bytes(std::string_view bytes);

/// A UUID's 16 bytes, in network order.
using Uuid = std::array<unsigned char, 16>;

/// The name-based UUID, version 5 (SHA-1), of `name` in `name_space`, as lower-case
/// "xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx": the same name always gives the same UUID.
std::string uuid_v5(const Uuid& name_space, std::string_view name);

/// Parses "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (hex, either case); nothing when malformed.
bool parse_uuid(std::string_view text, Uuid& out);

/// SHA-256 of bytes given in pieces (a large report is hashed as it is written, never held
/// whole): update() with each piece in order, then hex(), which ends the digest.
class Sha256 {
 public:
  Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  ~Sha256();

  void update(std::string_view bytes);
  /// The digest of everything given, as lower-case hex; afterwards the object starts anew.
  std::string hex();

 private:
  evp_md_ctx_st* ctx_;
};

}  // namespace ipcode
