# Writes OUT: a C++ table of every templates/*.mustache file, so the binary
# carries the default templates (klynge::builtinTemplates in templates.hpp).
file(GLOB files ${DIR}/*.mustache)
list(SORT files)
set(body "#include \"klynge/store/templates.hpp\"\n\nnamespace klynge {\n\nconst std::vector<BuiltinTemplate>& builtinTemplates() {\n    static const std::vector<BuiltinTemplate> all = {\n")
foreach(f ${files})
  get_filename_component(name ${f} NAME)
  file(READ ${f} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${hex}")
  # Split the literal into chunks so no line gets too long.
  string(REGEX REPLACE "((\\\\x[0-9a-f][0-9a-f]){64})" "\\1\"\n        \"" escaped "${escaped}")
  string(APPEND body "        {\"${name}\",\n        std::string_view(\"${escaped}\", sizeof(\"${escaped}\") - 1)},\n")
endforeach()
string(APPEND body "    };\n    return all;\n}\n\n} // namespace klynge\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
