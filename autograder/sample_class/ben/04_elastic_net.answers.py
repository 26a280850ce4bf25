# Ben submits lesson 04 as released, without answering anything.
# based-on: untouched
