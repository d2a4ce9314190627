// framer-motion's DOM animation features, loaded after the first view (LazyMotion's async form)
// to keep the first view's JavaScript small.
export { domAnimation as default } from 'framer-motion';
