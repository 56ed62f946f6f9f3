# Message catalogs. Each module keeps its own part, po/<lang>/<part>.po, so that people working
# on different modules never edit the same file. At build time the parts are joined (msgcat)
# and compiled (msgfmt) into <build>/share/locale/<lang>/LC_MESSAGES/ipcode.mo, found at run
# time relative to the executable, never the working directory. English is the source
# language (msgid); nn falls back to nb for what its catalog lacks (see base/i18n.hpp).
find_program(MSGFMT_EXECUTABLE msgfmt REQUIRED)
find_program(MSGCAT_EXECUTABLE msgcat REQUIRED)
set(IPCODE_LANGS nb nn)
set(IPCODE_MO_FILES)
foreach(lang IN LISTS IPCODE_LANGS)
  file(GLOB parts CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/po/${lang}/*.po)
  list(SORT parts)
  set(joined ${CMAKE_BINARY_DIR}/po/${lang}.po)
  set(mo ${CMAKE_BINARY_DIR}/share/locale/${lang}/LC_MESSAGES/ipcode.mo)
  add_custom_command(OUTPUT ${mo}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/po
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/share/locale/${lang}/LC_MESSAGES
    COMMAND ${MSGCAT_EXECUTABLE} --use-first -o ${joined} ${parts}
    COMMAND ${MSGFMT_EXECUTABLE} --check-format -o ${mo} ${joined}
    DEPENDS ${parts}
    COMMENT "catalog ${lang}")
  list(APPEND IPCODE_MO_FILES ${mo})
  install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_DATADIR}/locale/${lang}/LC_MESSAGES)
endforeach()
add_custom_target(ipcode_catalogs ALL DEPENDS ${IPCODE_MO_FILES})
