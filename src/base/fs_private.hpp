/// Private to base's file-system code (fs.cpp, fs_atomic.cpp).
#pragma once

#include "ipcode/base/result.hpp"

#include <filesystem>
#include <string>

namespace ipcode::fs {

/// "cannot write 'PATH': WHY", an ErrorKind::cannot_write.
Error write_error(const std::filesystem::path& path, const std::string& why);

}  // namespace ipcode::fs
