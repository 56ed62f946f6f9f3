# Every third-party library, found once. Package names: scripts/setup-debian.
find_package(CLI11 CONFIG REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(Boost 1.74 REQUIRED COMPONENTS locale)
find_package(yaml-cpp CONFIG REQUIRED)  # src/base: explains YAML syntax errors
find_package(PkgConfig REQUIRED)
pkg_check_modules(fyaml REQUIRED IMPORTED_TARGET libfyaml)  # src/base: the fast YAML parser
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(nlohmann_json 3 CONFIG REQUIRED)  # src/cli only: reading out/manifest.json
pkg_check_modules(libzip REQUIRED IMPORTED_TARGET libzip)  # src/office only: docx/odt/qdpx archives
find_package(pugixml CONFIG REQUIRED)  # src/office only: the XML inside them
if(IPCODE_MIMALLOC)
  find_package(mimalloc 2 CONFIG REQUIRED)  # src/main.cpp only: the executable's allocator
endif()

# Snowball ships neither a CMake nor a pkg-config file.
find_library(STEMMER_LIBRARY NAMES stemmer REQUIRED)
find_path(STEMMER_INCLUDE_DIR NAMES libstemmer.h REQUIRED)
add_library(ipcode_stemmer INTERFACE)
target_link_libraries(ipcode_stemmer INTERFACE ${STEMMER_LIBRARY})
target_include_directories(ipcode_stemmer SYSTEM INTERFACE ${STEMMER_INCLUDE_DIR})

find_library(XLSXWRITER_LIBRARY NAMES xlsxwriter REQUIRED)
find_path(XLSXWRITER_INCLUDE_DIR NAMES xlsxwriter.h REQUIRED)
add_library(ipcode_xlsxwriter INTERFACE)
target_link_libraries(ipcode_xlsxwriter INTERFACE ${XLSXWRITER_LIBRARY})
target_include_directories(ipcode_xlsxwriter SYSTEM INTERFACE ${XLSXWRITER_INCLUDE_DIR})
