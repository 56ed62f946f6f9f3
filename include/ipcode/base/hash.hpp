/// SHA-256 (OpenSSL) as lower-case hex, for manifest.json and verify.
#pragma once

#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of every includer

namespace ipcode {

std::string sha256_hex(std::string_view bytes);

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
