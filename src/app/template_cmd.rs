pub fn template() {}
