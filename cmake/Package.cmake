# Installing klynge, and its Debian package (issue 16 §1):
#   ./run.sh package   or   cmake --build BUILD --target package
# gives klynge_<version>_<arch>.deb: the binary (stripped), every man page
# (gzipped, klynge-restore(1) a link to klynge-dump(1)), bash, zsh and fish
# completion where the shells look, the examples, README, and LICENSE as the
# Debian copyright file; the dependencies come from dpkg-shlibdeps.
include(GNUInstallDirs)
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(TARGETS klynge RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Man pages, compressed as Debian policy asks (gzip -n: no name or time, so
# the same page gives the same bytes).
file(GLOB KLYNGE_MAN_PAGES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/man/*.1)
set(KLYNGE_MAN_GZ)
foreach(page ${KLYNGE_MAN_PAGES})
  get_filename_component(name ${page} NAME)
  set(gz ${CMAKE_BINARY_DIR}/man/${name}.gz)
  add_custom_command(OUTPUT ${gz}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND sh -c "gzip -9n -c '${page}' > '${gz}'"
    DEPENDS ${page} VERBATIM)
  list(APPEND KLYNGE_MAN_GZ ${gz})
endforeach()

# Completion scripts, from the binary's own command tree.
set(KLYNGE_COMPLETIONS ${CMAKE_BINARY_DIR}/completions/klynge ${CMAKE_BINARY_DIR}/completions/_klynge
                       ${CMAKE_BINARY_DIR}/completions/klynge.fish)
add_custom_command(OUTPUT ${KLYNGE_COMPLETIONS}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/completions
  COMMAND sh -c "'$<TARGET_FILE:klynge>' completion bash > completions/klynge"
  COMMAND sh -c "'$<TARGET_FILE:klynge>' completion zsh > completions/_klynge"
  COMMAND sh -c "'$<TARGET_FILE:klynge>' completion fish > completions/klynge.fish"
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  DEPENDS klynge VERBATIM)
add_custom_target(klynge_install_files ALL DEPENDS ${KLYNGE_MAN_GZ} ${KLYNGE_COMPLETIONS})

install(FILES ${KLYNGE_MAN_GZ} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# `restore` is described in klynge-dump(1); Debian prefers a link to .so.
install(CODE "file(CREATE_LINK klynge-dump.1.gz
  \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_MANDIR}/man1/klynge-restore.1.gz\" SYMBOLIC)")
install(FILES ${CMAKE_BINARY_DIR}/completions/klynge DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${CMAKE_BINARY_DIR}/completions/_klynge DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${CMAKE_BINARY_DIR}/completions/klynge.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

set(KLYNGE_DOC ${CMAKE_INSTALL_DATADIR}/doc/klynge)
# A native package's changelog (Debian policy 12.7): the version and where
# the history is.
file(WRITE ${CMAKE_BINARY_DIR}/changelog
"klynge (${PROJECT_VERSION}) unstable; urgency=medium

  * klynge ${PROJECT_VERSION}, built from its sources; the history of every
    change is the project's git log.

 -- klynge maintainers <klynge@example.dk>  Thu, 03 Dec 2026 06:00:00 +0000
")
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/changelog.gz
  COMMAND sh -c "gzip -9n -c changelog > changelog.gz"
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR} DEPENDS ${CMAKE_BINARY_DIR}/changelog VERBATIM)
add_custom_target(klynge_changelog ALL DEPENDS ${CMAKE_BINARY_DIR}/changelog.gz)
install(FILES ${CMAKE_BINARY_DIR}/changelog.gz DESTINATION ${KLYNGE_DOC})
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${KLYNGE_DOC})
install(FILES ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION ${KLYNGE_DOC} RENAME copyright)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/examples/ DESTINATION ${KLYNGE_DOC}/examples
  FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME klynge)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CONTACT "klynge maintainers <klynge@example.dk>")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # klynge_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Depends: what dpkg-shlibdeps finds (libc6, libsqlite3-0). SHA-256 is
# klynge's own (store/sha256.cpp), so OpenSSL is not one.
# Loaded with dlopen only to send mail; man-db for `klynge help --man`.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libcurl4, man-db")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "git, chromium")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "run a Danish GP quality cluster (kvalitetsklynge)")
# CPack puts the summary first; this is the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "klynge keeps the records of a Danish general practitioners' quality cluster
in a workspace directory that can be put under git: practices and members
with the KiAP roster, roles, meetings and general assemblies with Danish
notices and minutes, votes with the bylaws' majorities, the ledger with
receipts and exports, honoraria and the B-income report for SKAT, and the
yearly grant, for one cluster or a region's batch.")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
